using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

/// <summary>API keys: found by prefix on every request, listed per agency.</summary>
internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKeyRecord>
{
    public void Configure(EntityTypeBuilder<ApiKeyRecord> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(100);
        builder.Property(k => k.AgencyCode).HasMaxLength(50);
        builder.Property(k => k.Name).HasMaxLength(64);
        builder.Property(k => k.Prefix).HasMaxLength(20);
        builder.Property(k => k.Hash).HasMaxLength(32);
        builder.Property(k => k.CreatedBy).HasMaxLength(100);
        builder.Property(k => k.RevokedBy).HasMaxLength(100);
        builder.HasIndex(k => k.Prefix);
        builder.HasIndex(k => new { k.AgencyCode, k.CreatedAt });
    }
}
