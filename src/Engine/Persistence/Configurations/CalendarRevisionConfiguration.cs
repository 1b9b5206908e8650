using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class CalendarRevisionConfiguration : IEntityTypeConfiguration<CalendarRevisionRecord>
{
    public void Configure(EntityTypeBuilder<CalendarRevisionRecord> builder)
    {
        builder.ToTable("CalendarRevisions");
        // The key makes two corrections racing for the same number collide: one commits, the other gets a conflict.
        builder.HasKey(r => new { r.Year, r.Number });
        builder.Property(r => r.Year).ValueGeneratedNever();
        builder.Property(r => r.Number).ValueGeneratedNever();
        builder.Property(r => r.RevisedBy).HasMaxLength(200);
    }
}
