using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class DelegationConfiguration : IEntityTypeConfiguration<DelegationRecord>
{
    public void Configure(EntityTypeBuilder<DelegationRecord> builder)
    {
        builder.ToTable("Delegations");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(40);
        builder.Property(d => d.AgencyCode).HasMaxLength(100);
        builder.Property(d => d.FromUser).HasMaxLength(100);
        builder.Property(d => d.ToUser).HasMaxLength(100);
        builder.Property(d => d.PlanId).HasMaxLength(100);
        builder.Property(d => d.Pillar).HasMaxLength(100);
        builder.Property(d => d.CreatedBy).HasMaxLength(200);
        builder.Property(d => d.RevokedBy).HasMaxLength(200);

        // The inbox reads the substitute's delegations in force on every request; the rules read the delegator's.
        builder.HasIndex(d => new { d.ToUser, d.EndsOn });
        builder.HasIndex(d => new { d.FromUser, d.EndsOn });
        builder.HasIndex(d => new { d.AgencyCode, d.EndsOn });
    }
}
