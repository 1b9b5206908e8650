using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class WorkflowDefinitionConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> builder)
    {
        builder.ToTable("WorkflowDefinitions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(100);
        builder.Property(d => d.DefinitionId).HasMaxLength(200);
        builder.Property(d => d.Name).HasMaxLength(500);
        builder.Property(d => d.ContentHash).HasMaxLength(64);
        builder.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
        builder.HasIndex(d => new { d.DefinitionId, d.IsLatest });
    }
}
