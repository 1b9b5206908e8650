using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

/// <summary>The audit trail: appended in time order, read newest first, by actor or by action.</summary>
internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.Actor).HasMaxLength(200);
        builder.Property(a => a.Target).HasMaxLength(200);
        builder.Property(a => a.Outcome).HasMaxLength(50);
        builder.Property(a => a.Address).HasMaxLength(64);
        builder.Property(a => a.Detail).HasMaxLength(4000);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.Actor, a.At });
        builder.HasIndex(a => new { a.Action, a.At });
    }
}
