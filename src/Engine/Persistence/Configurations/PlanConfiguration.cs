using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<PlanRecord>
{
    public void Configure(EntityTypeBuilder<PlanRecord> builder)
    {
        builder.ToTable("Plans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(100);
        builder.Property(p => p.Name).HasMaxLength(500);
        builder.Property(p => p.NameEn).HasMaxLength(500);
        builder.Property(p => p.Cadence).HasMaxLength(100);
        builder.Property(p => p.ConcurrencyVersion).IsConcurrencyToken();
    }
}
