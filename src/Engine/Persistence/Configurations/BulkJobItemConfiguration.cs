using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

/// <summary>A job's items in order; the report reads them by status.</summary>
internal sealed class BulkJobItemConfiguration : IEntityTypeConfiguration<BulkJobItemRecord>
{
    public void Configure(EntityTypeBuilder<BulkJobItemRecord> builder)
    {
        builder.ToTable("BulkJobItems");
        builder.HasKey(i => new { i.JobId, i.Sequence });
        builder.Property(i => i.JobId).HasMaxLength(40);
        builder.Property(i => i.ItemId).HasMaxLength(100);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.ReasonZh).HasMaxLength(1000);
        builder.Property(i => i.ReasonEn).HasMaxLength(1000);
        builder.HasIndex(i => new { i.JobId, i.Status, i.Sequence });
        builder.HasOne<BulkJobRecord>().WithMany().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
