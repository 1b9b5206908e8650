using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

/// <summary>Versions keyed by plan and number; one per plan and period (the unique index makes rolls idempotent).</summary>
internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersionRecord>
{
    public void Configure(EntityTypeBuilder<PlanVersionRecord> builder)
    {
        builder.ToTable("PlanVersions");
        builder.HasKey(v => new { v.PlanId, v.Number });
        builder.Property(v => v.PlanId).HasMaxLength(100);
        builder.Property(v => v.Period).HasMaxLength(20);
        builder.Property(v => v.ContentHash).HasMaxLength(64);
        builder.Property(v => v.CreatedBy).HasMaxLength(100);
        builder.HasIndex(v => new { v.PlanId, v.Period }).IsUnique();
    }
}
