using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

/// <summary>Bulk jobs: listed newest first; the runner looks for running ones.</summary>
internal sealed class BulkJobConfiguration : IEntityTypeConfiguration<BulkJobRecord>
{
    public void Configure(EntityTypeBuilder<BulkJobRecord> builder)
    {
        builder.ToTable("BulkJobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasMaxLength(40);
        builder.Property(j => j.Operation).HasMaxLength(40);
        builder.Property(j => j.Target).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.CreatedBy).HasMaxLength(200);
        builder.Property(j => j.CreatedByAgency).HasMaxLength(100);
        builder.Property(j => j.CreatedByRoles).HasMaxLength(400);
        builder.Property(j => j.CancelledBy).HasMaxLength(200);
        builder.HasIndex(j => j.CreatedAt);
        builder.HasIndex(j => j.Status);
    }
}
