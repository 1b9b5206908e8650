using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<ReviewRecord>
{
    public void Configure(EntityTypeBuilder<ReviewRecord> builder)
    {
        builder.ToTable("Reviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(64);
        builder.Property(r => r.InstanceId).HasMaxLength(64);
        builder.Property(r => r.DefinitionId).HasMaxLength(200);
        builder.Property(r => r.ActivityId).HasMaxLength(200);
        builder.Property(r => r.OwnerAgencyCode).HasMaxLength(64);
        builder.Property(r => r.Mode).HasMaxLength(16);
        builder.Property(r => r.State).HasMaxLength(16);
        builder.Property(r => r.ConcurrencyVersion).IsConcurrencyToken();
        builder.HasIndex(r => r.InstanceId);
    }
}
