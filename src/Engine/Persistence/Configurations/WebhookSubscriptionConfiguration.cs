using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscriptionRecord>
{
    public void Configure(EntityTypeBuilder<WebhookSubscriptionRecord> builder)
    {
        builder.ToTable("WebhookSubscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(100);
        builder.Property(s => s.AgencyCode).HasMaxLength(50);
        builder.Property(s => s.Url).HasMaxLength(2000);
        builder.Property(s => s.EventTypes).HasMaxLength(2000);
        builder.Property(s => s.Description).HasMaxLength(500);
        builder.Property(s => s.Secret).HasMaxLength(1000);
        builder.Property(s => s.DisabledReason).HasMaxLength(1000);
        builder.Property(s => s.CreatedBy).HasMaxLength(100);
        builder.Property(s => s.ConcurrencyVersion).IsConcurrencyToken();
        builder.HasIndex(s => s.AgencyCode);
    }
}
