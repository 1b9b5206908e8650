using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class JournalConfiguration : IEntityTypeConfiguration<JournalRecord>
{
    public void Configure(EntityTypeBuilder<JournalRecord> builder)
    {
        builder.ToTable("Journal");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.InstanceId).HasMaxLength(100);
        builder.Property(j => j.ActivityId).HasMaxLength(200);
        builder.Property(j => j.ActivityType).HasMaxLength(200);
        builder.Property(j => j.Event).HasMaxLength(20);
        builder.HasIndex(j => new { j.InstanceId, j.Sequence }).IsUnique();
    }
}
