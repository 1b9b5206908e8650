using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxRecord>
{
    public void Configure(EntityTypeBuilder<OutboxRecord> builder)
    {
        builder.ToTable("Outbox");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasMaxLength(100);
        builder.Property(o => o.Type).HasMaxLength(100);
        builder.Property(o => o.InstanceId).HasMaxLength(100);
        builder.HasIndex(o => o.CreatedAt);
    }
}
