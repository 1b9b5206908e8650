using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class TaskEventConfiguration : IEntityTypeConfiguration<TaskEventRecord>
{
    public void Configure(EntityTypeBuilder<TaskEventRecord> builder)
    {
        builder.ToTable("TaskEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.TaskId).HasMaxLength(100);
        builder.Property(e => e.Action).HasMaxLength(30);
        builder.Property(e => e.Actor).HasMaxLength(100);
        builder.Property(e => e.ActingFor).HasMaxLength(100);
        builder.HasIndex(e => new { e.TaskId, e.Id });
    }
}
