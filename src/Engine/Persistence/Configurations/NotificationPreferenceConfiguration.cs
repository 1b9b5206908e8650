using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreferenceRecord>
{
    public void Configure(EntityTypeBuilder<NotificationPreferenceRecord> builder)
    {
        builder.ToTable("NotificationPreferences");
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(256);
        builder.Property(p => p.Language).HasMaxLength(10);
        builder.Property(p => p.Channels).HasMaxLength(2000);
        builder.Property(p => p.QuietFrom).HasMaxLength(5);
        builder.Property(p => p.QuietTo).HasMaxLength(5);
    }
}
