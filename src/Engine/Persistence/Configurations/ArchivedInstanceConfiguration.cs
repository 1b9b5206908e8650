using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

/// <summary>The tombstones of archived instances, looked up by id when an instance is not found.</summary>
internal sealed class ArchivedInstanceConfiguration : IEntityTypeConfiguration<ArchivedInstanceRecord>
{
    public void Configure(EntityTypeBuilder<ArchivedInstanceRecord> builder)
    {
        builder.ToTable("ArchivedInstances");
        builder.HasKey(a => a.InstanceId);
        builder.Property(a => a.InstanceId).HasMaxLength(100);
        builder.Property(a => a.DefinitionId).HasMaxLength(200);
        builder.Property(a => a.CorrelationId).HasMaxLength(200);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.ArchiveFile).HasMaxLength(260);
        builder.HasIndex(a => a.ArchivedAt);
    }
}
