using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class PlanAmendmentConfiguration : IEntityTypeConfiguration<PlanAmendmentRecord>
{
    public void Configure(EntityTypeBuilder<PlanAmendmentRecord> builder)
    {
        builder.ToTable("PlanAmendments");
        builder.HasKey(a => new { a.PlanId, a.Number });
        builder.Property(a => a.PlanId).HasMaxLength(100);
        builder.Property(a => a.DocumentNumber).HasMaxLength(100);
        builder.Property(a => a.AmendedBy).HasMaxLength(100);
    }
}
