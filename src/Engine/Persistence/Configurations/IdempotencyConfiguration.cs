using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

/// <summary>One row per caller and key (the unique index is what makes a concurrent duplicate lose); swept by age.</summary>
internal sealed class IdempotencyConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyKeys");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.AgencyCode).HasMaxLength(50);
        builder.Property(r => r.CallerName).HasMaxLength(100);
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.Method).HasMaxLength(10);
        builder.Property(r => r.Path).HasMaxLength(2000);
        builder.Property(r => r.RequestHash).HasMaxLength(32);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(2000);
        builder.HasIndex(r => new { r.AgencyCode, r.CallerName, r.Key }).IsUnique();
        builder.HasIndex(r => r.CreatedAt);
    }
}
