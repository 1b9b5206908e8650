using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

/// <summary>Tasks, indexed for every inbox filter (agency + state + due, assignee, claimer, pillar, plan, instance), by parent task and by correlation id.</summary>
internal sealed class TaskConfiguration : IEntityTypeConfiguration<TaskRecord>
{
    public void Configure(EntityTypeBuilder<TaskRecord> builder)
    {
        builder.ToTable("Tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(100);
        builder.Property(t => t.InstanceId).HasMaxLength(100);
        builder.Property(t => t.DefinitionId).HasMaxLength(200);
        builder.Property(t => t.ActivityId).HasMaxLength(200);
        builder.Property(t => t.BookmarkId).HasMaxLength(100);
        builder.Property(t => t.CorrelationId).HasMaxLength(200);
        builder.Property(t => t.Title).HasMaxLength(1000);
        builder.Property(t => t.TitleEn).HasMaxLength(1000);
        builder.Property(t => t.Kind).HasMaxLength(30);
        builder.Property(t => t.AgencyCode).HasMaxLength(50);
        builder.Property(t => t.AssigneeRole).HasMaxLength(30);
        builder.Property(t => t.AssigneeUser).HasMaxLength(100);
        builder.Property(t => t.ClaimedBy).HasMaxLength(100);
        builder.Property(t => t.CompletedBy).HasMaxLength(100);
        builder.Property(t => t.Pillar).HasMaxLength(100);
        builder.Property(t => t.PlanId).HasMaxLength(100);
        builder.Property(t => t.LeadAgencyCode).HasMaxLength(50);
        builder.Property(t => t.ParentTaskId).HasMaxLength(100);
        builder.Property(t => t.Outcome).HasMaxLength(100);
        builder.Property(t => t.EscalationAction).HasMaxLength(30);
        builder.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Colour).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.ConcurrencyVersion).IsConcurrencyToken();
        // The inbox's page queries (agency + state, sorted by due date or priority) use expression and partial indexes
        // EF cannot declare; migration InboxIndexes creates them in SQL (docs/benchmarks.md, inbox).
        builder.HasIndex(t => new { t.State, t.DueAt });
        builder.HasIndex(t => new { t.AssigneeUser, t.State });
        builder.HasIndex(t => new { t.ClaimedBy, t.State });
        builder.HasIndex(t => new { t.Pillar, t.State });
        builder.HasIndex(t => new { t.PlanId, t.State });
        builder.HasIndex(t => t.InstanceId);
        // The lead unit's task lists its co-units' sub-tasks, and its completion is gated on those still open.
        builder.HasIndex(t => t.ParentTaskId);
        // Raising an event as an agency checks that the correlation id belongs to one of the agency's tasks.
        builder.HasIndex(t => new { t.CorrelationId, t.AgencyCode });
    }
}
