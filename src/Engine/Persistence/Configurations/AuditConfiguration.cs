using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

/// <summary>The audit trail: appended in time order, sealed into a hash chain by sequence, read newest first, by actor, action or target.</summary>
internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.Actor).HasMaxLength(200);
        builder.Property(a => a.ActingFor).HasMaxLength(200);
        builder.Property(a => a.AgencyCode).HasMaxLength(64);
        builder.Property(a => a.Target).HasMaxLength(200);
        builder.Property(a => a.Outcome).HasMaxLength(50);
        builder.Property(a => a.Address).HasMaxLength(64);
        builder.Property(a => a.Detail).HasMaxLength(4000);
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
        builder.HasIndex(a => a.At);

        // The chain's order; unsealed lines (null) are many, sealed ones unique, so two sealers can never give one number twice.
        builder.HasIndex(a => a.Sequence).IsUnique();
        builder.HasIndex(a => a.Target);
        builder.HasIndex(a => new { a.AgencyCode, a.At });
        builder.HasIndex(a => new { a.Actor, a.At });
        builder.HasIndex(a => new { a.Action, a.At });
    }
}
