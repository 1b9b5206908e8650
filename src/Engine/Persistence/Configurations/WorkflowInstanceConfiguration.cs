using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstanceRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceRecord> builder)
    {
        builder.ToTable("WorkflowInstances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(100);
        builder.Property(i => i.DefinitionId).HasMaxLength(200);
        builder.Property(i => i.DefinitionVersionId).HasMaxLength(100);
        builder.Property(i => i.CorrelationId).HasMaxLength(200);
        builder.Property(i => i.ParentInstanceId).HasMaxLength(100);
        builder.Property(i => i.ParentBookmarkId).HasMaxLength(100);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.ConcurrencyVersion).IsConcurrencyToken();
        builder.HasIndex(i => new { i.Status, i.UpdatedAt });
        builder.HasIndex(i => i.CorrelationId);
        builder.HasIndex(i => i.ParentInstanceId);
        builder.HasIndex(i => new { i.DefinitionId, i.CreatedAt });
    }
}
