using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class SupervisionActionConfiguration : IEntityTypeConfiguration<SupervisionActionRecord>
{
    public void Configure(EntityTypeBuilder<SupervisionActionRecord> builder)
    {
        builder.ToTable("SupervisionActions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.InstanceId).HasMaxLength(100);
        builder.Property(a => a.TaskId).HasMaxLength(100);
        builder.Property(a => a.AgencyCode).HasMaxLength(50);
        builder.Property(a => a.Action).HasMaxLength(30);
        builder.Property(a => a.Trigger).HasMaxLength(30);
        builder.Property(a => a.Actor).HasMaxLength(100);
        builder.HasIndex(a => new { a.AgencyCode, a.At });
        builder.HasIndex(a => a.TaskId);
        builder.HasIndex(a => a.InstanceId);
    }
}
