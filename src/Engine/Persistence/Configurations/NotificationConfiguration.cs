using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<NotificationRecord>
{
    public void Configure(EntityTypeBuilder<NotificationRecord> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedOnAdd();
        builder.Property(n => n.UserId).HasMaxLength(256);
        builder.Property(n => n.Kind).HasMaxLength(40);
        builder.Property(n => n.TaskId).HasMaxLength(100);
        builder.Property(n => n.InstanceId).HasMaxLength(100);
        builder.Property(n => n.EventId).HasMaxLength(100);
        builder.Property(n => n.Title).HasMaxLength(500);
        builder.Property(n => n.Body).HasMaxLength(8000);
        builder.Property(n => n.Link).HasMaxLength(500);

        // The second guard of "each event notifies each person once" (the first: the outbox row's NotifiedAt).
        builder.HasIndex(n => new { n.EventId, n.UserId }).IsUnique();

        // The bell and the notification page: a user's newest first, unread ones counted.
        builder.HasIndex(n => new { n.UserId, n.Id });
        builder.HasIndex(n => new { n.UserId, n.Id }, "IX_Notifications_Unread").HasFilter("\"ReadAt\" IS NULL");
    }
}
