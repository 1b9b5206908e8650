using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// The engine's one database. Provider-specific subclasses carry their own migrations
/// (<see cref="SqliteWorkflowDbContext"/>, <see cref="PostgresWorkflowDbContext"/>). Users are ASP.NET Core Identity's
/// (users, their claims, external logins and authenticator tokens; roles are a column of the user, docs/decisions/015).
/// It also keeps the ASP.NET Core Data Protection key ring (<see cref="DataProtectionKeys"/>), so every node of a Host
/// shares it and it lives, encrypted with the configured certificate, beside the data it protects.
/// </summary>
public abstract class WorkflowDbContext(DbContextOptions options) : IdentityUserContext<UserRecord>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring: one XML element per key, encrypted when the Host has a certificate.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<WorkflowDefinitionRecord> Definitions => Set<WorkflowDefinitionRecord>();

    public DbSet<WorkflowInstanceRecord> Instances => Set<WorkflowInstanceRecord>();

    public DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();

    public DbSet<JournalRecord> Journal => Set<JournalRecord>();

    /// <summary>Tombstones of the instances retention archived and deleted (<see cref="Retention.RetentionService"/>).</summary>
    public DbSet<ArchivedInstanceRecord> ArchivedInstances => Set<ArchivedInstanceRecord>();

    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();

    public DbSet<WebhookSubscriptionRecord> WebhookSubscriptions => Set<WebhookSubscriptionRecord>();

    public DbSet<WebhookDeliveryRecord> WebhookDeliveries => Set<WebhookDeliveryRecord>();

    public DbSet<WorkItemRecord> WorkItems => Set<WorkItemRecord>();

    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();

    public DbSet<TaskEventRecord> TaskEvents => Set<TaskEventRecord>();

    public DbSet<ProgressReportRecord> ProgressReports => Set<ProgressReportRecord>();

    public DbSet<EvidenceFileRecord> EvidenceFiles => Set<EvidenceFileRecord>();

    public DbSet<SupervisionActionRecord> SupervisionActions => Set<SupervisionActionRecord>();

    public DbSet<PlanRecord> Plans => Set<PlanRecord>();

    public DbSet<PlanVersionRecord> PlanVersions => Set<PlanVersionRecord>();

    public DbSet<PlanAmendmentRecord> PlanAmendments => Set<PlanAmendmentRecord>();

    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    public DbSet<AuditRecord> AuditEntries => Set<AuditRecord>();

    public DbSet<CalendarRevisionRecord> CalendarRevisions => Set<CalendarRevisionRecord>();

    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();

    public DbSet<NotificationDeliveryRecord> NotificationDeliveries => Set<NotificationDeliveryRecord>();

    public DbSet<NotificationPreferenceRecord> NotificationPreferences => Set<NotificationPreferenceRecord>();

    public DbSet<NotificationTemplateRecord> NotificationTemplates => Set<NotificationTemplateRecord>();

    public DbSet<ReviewRecord> Reviews => Set<ReviewRecord>();

    public DbSet<ReviewParticipantRecord> ReviewParticipants => Set<ReviewParticipantRecord>();

    public DbSet<DelegationRecord> Delegations => Set<DelegationRecord>();

    public DbSet<BulkJobRecord> BulkJobs => Set<BulkJobRecord>();

    public DbSet<BulkJobItemRecord> BulkJobItems => Set<BulkJobItemRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(WorkflowDbContext).Assembly);
    }
}
