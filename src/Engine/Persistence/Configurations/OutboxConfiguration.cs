using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxRecord>
{
    public void Configure(EntityTypeBuilder<OutboxRecord> builder)
    {
        builder.ToTable("Outbox");
        builder.HasKey(o => o.Position);
        builder.Property(o => o.Position).ValueGeneratedOnAdd();
        builder.Property(o => o.Id).IsRequired().HasMaxLength(100);
        builder.HasIndex(o => o.Id).IsUnique();
        builder.Property(o => o.Type).HasMaxLength(100);
        builder.Property(o => o.InstanceId).HasMaxLength(100);
        builder.Property(o => o.Agencies).HasMaxLength(400);
        builder.HasIndex(o => o.CreatedAt);

        // The dispatcher's queue: only the few rows not yet dispatched are in this index.
        builder.HasIndex(o => o.Position, "IX_Outbox_Undispatched").HasFilter("\"DispatchedAt\" IS NULL");

        // The notification fan-out's queue, likewise.
        builder.HasIndex(o => o.Position, "IX_Outbox_Unnotified").HasFilter("\"NotifiedAt\" IS NULL");
    }
}
