using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDeliveryRecord>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryRecord> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.SubscriptionId).HasMaxLength(100);
        builder.Property(d => d.EventId).HasMaxLength(100);
        builder.Property(d => d.EventType).HasMaxLength(100);
        builder.Property(d => d.LastError).HasMaxLength(2000);
        builder.HasOne<WebhookSubscriptionRecord>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);

        // The log of one subscription, newest first, and its queue, oldest pending first.
        builder.HasIndex(d => new { d.SubscriptionId, d.Id });
        builder.HasIndex(d => new { d.SubscriptionId, d.Id }, "IX_WebhookDeliveries_Pending").HasFilter("\"State\" = 0");
    }
}
