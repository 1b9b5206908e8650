using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDeliveryRecord>
{
    public void Configure(EntityTypeBuilder<NotificationDeliveryRecord> builder)
    {
        builder.ToTable("NotificationDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.UserId).HasMaxLength(256);
        builder.Property(d => d.Channel).HasMaxLength(20);
        builder.Property(d => d.Kind).HasMaxLength(40);
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.MessageId).HasMaxLength(200);
        builder.HasIndex(d => d.MessageId).IsUnique();
        builder.Property(d => d.MaskedAddress).HasMaxLength(200);
        builder.Property(d => d.Language).HasMaxLength(10);
        builder.Property(d => d.Subject).HasMaxLength(500);
        builder.Property(d => d.Body).HasMaxLength(8000);
        builder.Property(d => d.LeaseToken).HasMaxLength(40);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.HasOne(d => d.Notification).WithMany().HasForeignKey(d => d.NotificationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.NotificationId, d.Channel }).IsUnique();

        // The sender's queue: only unfinished rows are in this index.
        builder.HasIndex(d => d.NextAttemptAt, "IX_NotificationDeliveries_Unfinished").HasFilter("\"State\" IN ('Pending', 'Held', 'Sending')");
        builder.HasIndex(d => new { d.State, d.Id });
    }
}
