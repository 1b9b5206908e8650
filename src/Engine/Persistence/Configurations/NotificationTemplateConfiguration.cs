using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplateRecord>
{
    public void Configure(EntityTypeBuilder<NotificationTemplateRecord> builder)
    {
        builder.ToTable("NotificationTemplates");
        builder.HasKey(t => new { t.Kind, t.Channel, t.Language });
        builder.Property(t => t.Kind).HasMaxLength(40);
        builder.Property(t => t.Channel).HasMaxLength(20);
        builder.Property(t => t.Language).HasMaxLength(10);
        builder.Property(t => t.Subject).HasMaxLength(500);
        builder.Property(t => t.Body).HasMaxLength(4000);
        builder.Property(t => t.UpdatedBy).HasMaxLength(256);
    }
}
