using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<BookmarkRecord>
{
    public void Configure(EntityTypeBuilder<BookmarkRecord> builder)
    {
        builder.ToTable("Bookmarks");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasMaxLength(100);
        builder.Property(b => b.InstanceId).HasMaxLength(100);
        builder.Property(b => b.Kind).HasMaxLength(50);
        builder.Property(b => b.Key).HasMaxLength(200);
        builder.Property(b => b.CorrelationId).HasMaxLength(200);
        builder.Property(b => b.ActivityId).HasMaxLength(200);
        builder.Property(b => b.ContextId).HasMaxLength(50);
        builder.HasIndex(b => new { b.Kind, b.Key, b.CorrelationId });
        builder.HasIndex(b => b.ResumeAt);
        builder.HasIndex(b => b.InstanceId);
    }
}
