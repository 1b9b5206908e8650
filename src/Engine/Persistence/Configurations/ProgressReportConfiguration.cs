using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReportRecord>
{
    public void Configure(EntityTypeBuilder<ProgressReportRecord> builder)
    {
        builder.ToTable("ProgressReports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.TaskId).HasMaxLength(100);
        builder.Property(r => r.ReportedBy).HasMaxLength(100);
        builder.Property(r => r.SelfColour).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(r => new { r.TaskId, r.Sequence }).IsUnique();
    }
}
