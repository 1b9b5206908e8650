using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class WorkItemConfiguration : IEntityTypeConfiguration<WorkItemRecord>
{
    public void Configure(EntityTypeBuilder<WorkItemRecord> builder)
    {
        builder.ToTable("WorkItems");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Kind).HasMaxLength(20);
        builder.Property(w => w.InstanceId).HasMaxLength(100);
        builder.Property(w => w.BookmarkId).HasMaxLength(100);
        builder.HasIndex(w => new { w.Background, w.CreatedAt });
    }
}
