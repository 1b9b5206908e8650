using AiPlusTasks.Engine.Bulk;
using AiPlusTasks.Engine.ApiKeys;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Delegations;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Idempotency;
using AiPlusTasks.Engine.Notifications;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.CompiledModels.Postgres;
using AiPlusTasks.Engine.Persistence.CompiledModels.Sqlite;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Retention;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Scheduling;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.TestRuns;
using AiPlusTasks.Engine.Webhooks;
using AiPlusTasks.Workflows.Activities;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Quartz;

namespace AiPlusTasks.Engine;

/// <summary>The engine's one entry point: <c>services.AddWorkflowEngine(e =&gt; e.UseSqlite(…))</c>.</summary>
public static class WorkflowEngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine: definitions, interpreter, runtime, persistence, Quartz timers, the background worker, and the
    /// services pages and endpoints call with their caller (docs/decisions/014). Options come from the <c>Engine</c> and <c>Engine:JavaScript</c> configuration sections.
    /// Hosted services start in this order: migrations (when enabled), Quartz, the background worker; then, once a web
    /// host listens and before the host reports itself started (<see cref="Hosting.StartupStep"/>), timer recovery and
    /// the plan calendar, each timed in the log.
    /// </summary>
    /// <exception cref="InvalidOperationException">No storage was chosen.</exception>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, Action<WorkflowEngineBuilder> configure)
    {
        var builder = new WorkflowEngineBuilder();
        configure(builder);
        if (builder.Provider is null)
        {
            throw new InvalidOperationException("AddWorkflowEngine needs storage: call UseSqlite(connectionString) or UsePostgres(connectionString).");
        }

        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TaskOptions>().BindConfiguration(TaskOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InputLimits>().BindConfiguration(InputLimits.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JavaScriptOptions>().BindConfiguration(JavaScriptOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.TryAddSingleton(builder.TimeProvider);

        services.AddSingleton<WebhookDispatchSignal>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IInterceptor, OutboxCommitInterceptor>();
        AddStorage(services, builder);
        services.AddSingleton<ClusterLock>();

        if (builder.DirectoryFolder is { } folder)
        {
            services.AddSingleton(_ => DirectoryFiles.LoadAgencies(Path.Combine(folder, DirectoryFiles.AgenciesFileName)));
            services.AddSingleton(_ => DirectoryFiles.LoadCatalog(Path.Combine(folder, DirectoryFiles.CatalogFileName)));
            services.AddSingleton<AgencyOverviewService>();
        }

        services.AddSingleton(_ => builder.CalendarFolder is { } calendarFolder
            ? new WorkingCalendar(CalendarFiles.Load(calendarFolder))
            : WorkingCalendar.WeekdaysOnly());
        services.AddSingleton<CalendarRevisionService>();
        services.AddSingleton<CalendarCoverage>();
        AddActivities(services);
        services.AddSingleton<DefinitionActivityTypes>();
        services.AddSingleton<ActivityRegistry>();
        services.AddSingleton<DefinitionValidator>();
        services.AddSingleton<JavaScriptEvaluator>();
        services.AddSingleton<ExpressionEvaluator>();
        services.AddSingleton<WorkflowDefinitionStore>();
        services.AddSingleton<BlueprintCache>();
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<BurstCommitter>();
        services.AddSingleton<RuntimeReads>();
        services.AddSingleton<InstanceQueries>();
        services.AddSingleton<BurstRunner>();
        services.AddSingleton<WorkQueue>();
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<Versions.InstanceMigrator>();
        services.AddSingleton<TestRunner>();
        services.AddSingleton<TaskService>();
        services.AddSingleton<DelegationService>();
        services.AddSingleton<EscalationService>();
        services.AddSingleton<IBulkOperation, RetryOperation>();
        services.AddSingleton<IBulkOperation, SkipOperation>();
        services.AddSingleton<IBulkOperation, ExtendDueOperation>();
        services.AddSingleton<IBulkOperation, CancelOperation>();
        services.AddSingleton<IBulkOperation, ReassignOperation>();
        services.AddSingleton<IBulkOperation, Versions.MigrateOperation>();
        services.AddSingleton<Reviews.ReviewService>();
        services.AddSingleton<ProgressTrendService>();
        services.AddSingleton<Planning.PlanService>();
        services.AddSingleton<Exports.ExportService>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<Bulk.BulkJobSignal>();
        services.AddSingleton<Bulk.BulkJobService>();
        services.AddSingleton<AuditSealer>();
        AddUserIdentity(services);
        services.AddSingleton<DisplayNames>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<ITimerScheduler, QuartzTimerScheduler>();
        services.AddSingleton<RetentionService>();
        services.AddHostedService<RetentionSchedule>();
        AddWebhooks(services);
        services.AddNotifications();

        if (builder.MigrateOnStartup)
        {
            services.AddHostedService<DatabaseMigrator>();
        }

        // After the migrator: Data Protection loads its key ring from the database when the host starts.
        AddDataProtection(services);
        services.AddHostedService<WebhookSecretsAtRest>();

        services.AddSingleton<TimerRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerRecovery>());
        services.AddHostedService<TimerSweep>();
        services.AddQuartz(q =>
        {
            // Recovery: a node that dies running either job leaves the fire to another node of the cluster.
            q.AddJob<TimerJob>(j => j.WithIdentity(TimerJob.Key).StoreDurably().RequestRecovery());
            q.AddJob<PlanRollJob>(j => j.WithIdentity(PlanRollJob.Key).StoreDurably().RequestRecovery());
            // Replacing: on PostgreSQL the store keeps the calendar of the last start, which may predate a correction.
            q.AddCalendar(
                WorkingCalendar.QuartzCalendarName,
                sp => WorkingDayQuartzCalendar.For(sp.GetRequiredService<WorkingCalendar>(), TimeZoneInfo.FindSystemTimeZoneById(sp.GetRequiredService<IOptions<EngineOptions>>().Value.TimeZone)),
                AddCalendarOptions.ReplacingAndUpdatingTriggers);
            q.AddJob<DailyDigestJob>(j => j.WithIdentity(DailyDigestJob.Key).StoreDurably());
            q.AddJob<RetentionJob>(j => j.WithIdentity(RetentionJob.Key).StoreDurably());
            if (builder.Provider == StorageProvider.Postgres)
            {
                UseClusteredStore(q, builder.ConnectionString);
            }

            foreach (var configureQuartz in builder.QuartzConfigurations)
            {
                configureQuartz(q);
            }
        });
        // Before Quartz: the corrections are in force when the scheduler registers its working-day calendar.
        services.AddHostedService<WorkingCalendarRefresh>();
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<WorkingCalendarSchedulerSync>();
        services.AddHostedService<WorkItemProcessor>();
        services.AddHostedService<Bulk.BulkJobRunner>();
        services.AddHostedService<AuditSealing>();
        services.AddSingleton<PlanCalendar>();
        services.AddHostedService<PlanCalendarStartup>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddHostedService<Telemetry.WorkloadGauges>();
        services.AddNotificationLoops();
        return services;
    }

    /// <summary>
    /// ASP.NET Core Identity over the engine's database: <c>UserManager&lt;UserRecord&gt;</c> in a request scope (on a scoped
    /// <see cref="WorkflowDbContext"/> from the pool), the password policy and lockout every sign-in path shares
    /// (docs/decisions/015, docs/security.md). The Host adds sign-in, cookies and token providers on top.
    /// </summary>
    private static void AddUserIdentity(IServiceCollection services)
    {
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContext());
        services.AddIdentityCore<UserRecord>(o =>
            {
                // 10+ characters with upper and lower case letters and digits (GB/T 22239 level 3 asks for complexity and length).
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789._-";
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<WorkflowDbContext>();
    }

    /// <summary>
    /// ASP.NET Core Data Protection with its key ring in the engine's database (<see cref="WorkflowDbContext.DataProtectionKeys"/>),
    /// shared by every node; webhook secrets are encrypted with it (<see cref="WebhookSecrets"/>). How the keys themselves
    /// are protected (a certificate) is the Host's choice, made on the returned builder's services.
    /// </summary>
    private static void AddDataProtection(IServiceCollection services) =>
        services.AddDataProtection().PersistKeysToDbContext<WorkflowDbContext>();

    /// <summary>
    /// The provider's pooled context factory, on the provider's compiled model (<c>Persistence/CompiledModels</c>), so no
    /// start builds the model from <c>OnModelCreating</c>; a test fails when the compiled model is stale (README, "Changing
    /// the database model").
    /// </summary>
    private static void AddStorage(IServiceCollection services, WorkflowEngineBuilder builder)
    {
        if (builder.Provider == StorageProvider.Postgres)
        {
            services.AddPooledDbContextFactory<PostgresWorkflowDbContext>((sp, options) => options
                .UseNpgsql(builder.ConnectionString)
                .UseModel(PostgresWorkflowDbContextModel.Instance)
                .AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddSingleton<IDbContextFactory<WorkflowDbContext>, WorkflowDbContextFactory<PostgresWorkflowDbContext>>();
            return;
        }

        var pragmas = new SqlitePragmas(builder.SqliteSynchronous);
        services.AddPooledDbContextFactory<SqliteWorkflowDbContext>((sp, options) => options
            .UseSqlite(builder.ConnectionString)
            .UseModel(SqliteWorkflowDbContextModel.Instance)
            .AddInterceptors(pragmas)
            .AddInterceptors(sp.GetServices<IInterceptor>()));
        services.AddSingleton<IDbContextFactory<WorkflowDbContext>, WorkflowDbContextFactory<SqliteWorkflowDbContext>>();
    }

    /// <summary>
    /// Quartz on the engine's PostgreSQL database, clustered: every node's scheduler shares the triggers, a fire runs on
    /// one node, and a node that stops checking in is taken over by another within seconds (docs/decisions/010).
    /// </summary>
    private static void UseClusteredStore(IQuartzBuilder quartz, string connectionString)
    {
        quartz.ConfigureScheduler(o =>
        {
            o.InstanceName = "AiPlusTasks";
            // The default 30 s idle wait would leave a survivor idle that long before it looks at a dead node's triggers.
            o.IdleWaitTime = TimeSpan.FromSeconds(1);
        });
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(connectionString);
            store.UseSystemTextJsonSerializer(json => json.AddCalendarSerializer(new WorkingDayQuartzCalendarSerializer()));
            store.ProvisionSchema();
            store.UseClustering(c =>
            {
                c.CheckinInterval = TimeSpan.FromSeconds(2);
                c.CheckinMisfireThreshold = TimeSpan.FromSeconds(5);
            });
        });
    }

    private static void AddWebhooks(IServiceCollection services)
    {
        services.AddSingleton<EventFeed>();
        services.AddSingleton<WebhookTargetPolicy>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookSubscriptionService>();
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var targets = sp.GetRequiredService<WebhookTargetPolicy>();
                return new SocketsHttpHandler
                {
                    UseProxy = false,
                    AllowAutoRedirect = false,
                    MaxResponseHeadersLength = 64,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    ConnectCallback = (context, cancellationToken) => targets.ConnectAsync(context.DnsEndPoint, cancellationToken),
                };
            })
            .AddResilienceHandler("webhook-attempt", (pipeline, context) =>
            {
                // Quick retries of one attempt for a blip; the long retries are the dispatcher's, durable in the database.
                // Network timeouts run on the wall clock, whatever clock the domain uses (tests stop theirs).
                pipeline.TimeProvider = TimeProvider.System;
                var attemptTimeout = context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value.AttemptTimeout;
                pipeline.AddTimeout(attemptTimeout * 3);
                pipeline.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 2, BackoffType = DelayBackoffType.Exponential, UseJitter = true, Delay = TimeSpan.FromMilliseconds(200) });
                pipeline.AddTimeout(attemptTimeout);
            });
    }

    private static void AddActivities(IServiceCollection services)
    {
        foreach (var activity in CoreActivities.Create())
        {
            services.AddSingleton(activity);
        }

        services.AddSingleton<IActivity, HumanTaskActivity>();
        services.AddSingleton<IActivity, EscalateActivity>();
        services.AddSingleton<IActivity, FanOutActivity>();
        services.AddSingleton<IActivity, Reviews.ReviewActivity>();
    }
}
