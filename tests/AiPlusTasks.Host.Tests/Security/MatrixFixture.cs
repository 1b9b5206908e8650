using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Security;

/// <summary>
/// A host for walking the authorization matrix: a client per role (an API key of guangdong for the agency system), and
/// the things the probes name — tasks, evidence, events, subscriptions, deliveries, keys, definitions, instances — made
/// through the API by the people who make them (NDRC planners start workflows, leads make subscriptions), shared where a
/// probe only reads and fresh where it changes something. The agency roles are guangdong's; hubei is "another agency".
/// </summary>
public sealed class MatrixFixture : HostFactory
{
    /// <summary>The agency of the agency roles (staff, lead, system).</summary>
    public const string OwnAgency = "guangdong";

    /// <summary>The other agency whose things the agency roles must not reach.</summary>
    public const string OtherAgency = "hubei";

    /// <summary>The user of each role (the agency system has a key instead; anonymous nobody).</summary>
    public static readonly IReadOnlyDictionary<string, string> Users = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["agency-staff"] = "guangdong.staff",
        ["agency-lead"] = "guangdong.lead",
        ["ndrc-planner"] = "ndrc.planner",
        ["ndrc-supervisor"] = "ndrc.supervisor",
        ["auditor"] = "ndrc.auditor",
        ["ndrc-admin"] = "ndrc.admin",
    };

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _shared = new(StringComparer.Ordinal);
    private int _sequence;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        // Subscriptions point at 127.0.0.1 (nothing listens), so making one resolves no name.
        ["Webhooks:AllowLoopback"] = "true",
    };

    /// <summary>The NDRC planner's API client, who starts the workflows the probes need.</summary>
    public HttpClient Planner => CreateClientFor("ndrc.planner");

    /// <summary>True for the roles of an agency (their own agency is <see cref="OwnAgency"/>).</summary>
    public static bool IsAgencyRole(string role) => role is "agency-staff" or "agency-lead" or "agency-system";

    /// <summary>
    /// The API client of a role, following no redirects: a bearer token, guangdong's API key, or nothing (anonymous).
    /// Outside <c>/api</c> a token or key counts for nothing, as in a browser.
    /// </summary>
    public async Task<HttpClient> ApiClientAsync(string role)
    {
        var client = this.CreateWebClient();
        if (role == "agency-system")
        {
            client.DefaultRequestHeaders.Add(InboundApi.ApiKeyHeader, await SharedAsync("system-key", async () => (await CreateClientFor("guangdong.lead").CreateApiKeyAsync("matrix-system")).Key));
        }
        else if (Users.TryGetValue(role, out var user))
        {
            client.DefaultRequestHeaders.Authorization = CreateClientFor(user).DefaultRequestHeaders.Authorization;
        }

        return client;
    }

    /// <summary>A fresh web client of the role, signed in through the form (people) or not at all (anonymous, the agency system's key).</summary>
    public async Task<HttpClient> WebClientAsync(string role) =>
        Users.TryGetValue(role, out var user) ? await this.SignInAsync(user) : await ApiClientAsync(role);

    /// <summary>A fresh number, for names that must not repeat.</summary>
    public int Next() => Interlocked.Increment(ref _sequence);

    /// <summary>Starts a workflow whose one task goes to <paramref name="agency"/>; returns the task id.</summary>
    public async Task<string> StartTaskAsync(string agency, string? correlationId = null)
    {
        var instance = await Planner.StartAsync(await TaskDefinitionAsync(agency), correlationId);
        return Assert.Single(instance["bookmarks"]!.AsArray(), b => b!["kind"].Str() == "HumanTask")!["key"].Str();
    }

    /// <summary>One open task of the agency, shared by the probes that only read it.</summary>
    public Task<string> SharedTaskAsync(string agency) => SharedAsync("task:" + agency, () => StartTaskAsync(agency));

    /// <summary>A task of the agency (its own, shared) and the SHA-256 of the evidence file its one report lists.</summary>
    public async Task<(string TaskId, string Sha256)> EvidenceAsync(string agency)
    {
        var taskId = await SharedAsync("evidence-task:" + agency, () => StartTaskAsync(agency));
        var sha = await SharedAsync("evidence:" + agency, async () =>
        {
            var content = System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4 matrix evidence of {agency}");
            var report = ScenarioForms.Report(30);
            report["evidence"] = new JsonArray(new JsonObject { ["fileName"] = "证明材料.pdf", ["contentType"] = "application/pdf", ["contentBase64"] = Convert.ToBase64String(content) });
            var task = await (await Planner.PostAsJsonAsync($"{HttpApi.Tasks}/{taskId}/progress-reports", report)).ExpectAsync(HttpStatusCode.OK);
            return task["reports"]!.AsArray().Single()!["evidence"]!.AsArray().Single()!["sha256"].Str();
        });
        return (taskId, sha);
    }

    /// <summary>
    /// A fresh task of the agency, claimed by <paramref name="claimer"/> (a client that may claim it), else by the
    /// agency's staff.
    /// </summary>
    public async Task<string> ClaimedTaskAsync(string agency, HttpClient? claimer)
    {
        var taskId = await StartTaskAsync(agency);
        await (await (claimer ?? CreateClientFor($"{agency}.staff")).TaskActionAsync(taskId, "claim")).ExpectAsync(HttpStatusCode.OK);
        return taskId;
    }

    /// <summary>A fresh correlation id: a task of the agency carries it and an instance waits for <c>report-approved</c> with it.</summary>
    public async Task<string> WaitingCorrelationAsync(string agency)
    {
        var correlationId = $"matrix-{agency}-{Next()}";
        await StartTaskAsync(agency, correlationId);
        var definitionId = await SharedAsync("event-definition", () => Planner.ImportAndPublishAsync("wait-for-event.json"));
        await Planner.StartAsync(definitionId, correlationId);
        return correlationId;
    }

    /// <summary>A webhook subscription of the agency, made by its lead: shared, or fresh for a probe that changes it.</summary>
    public Task<string> SubscriptionAsync(string agency, bool fresh = false) =>
        fresh ? CreateSubscriptionAsync(agency) : SharedAsync("subscription:" + agency, () => CreateSubscriptionAsync(agency));

    /// <summary>A fresh subscription of the agency with one failed delivery (so it may be redelivered); returns both ids.</summary>
    public async Task<(string SubscriptionId, long DeliveryId)> FailedDeliveryAsync(string agency)
    {
        var subscriptionId = await CreateSubscriptionAsync(agency);
        var db = await Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        await using (db)
        {
            var delivery = new WebhookDeliveryRecord
            {
                SubscriptionId = subscriptionId,
                EventId = "evt_matrix_" + Next(),
                EventType = "task.created",
                Payload = "{}",
                State = WebhookDeliveryState.Failed,
                Attempts = 1,
                NextAttemptAt = Time.GetUtcNow(),
                LastAttemptAt = Time.GetUtcNow(),
                LastError = "connection refused",
                CreatedAt = Time.GetUtcNow(),
            };
            db.WebhookDeliveries.Add(delivery);
            await db.SaveChangesAsync();
            return (subscriptionId, delivery.Id);
        }
    }

    /// <summary>A fresh API key of the agency, made by the NDRC planner; returns its id.</summary>
    public async Task<string> ApiKeyIdAsync(string agency) => (await Planner.CreateApiKeyAsync($"matrix-{agency}-{Next()}", agency)).Id;

    /// <summary>A workflow definition, shared by the probes that read it.</summary>
    public Task<string> DefinitionAsync() => SharedAsync("definition", () => Planner.ImportAndPublishAsync("write-line.json"));

    /// <summary>A fresh draft definition (imported, not published).</summary>
    public async Task<string> DraftDefinitionAsync()
    {
        await Planner.ImportAsync(DefinitionFixtures.Load("write-line.json", out var definitionId));
        return definitionId;
    }

    /// <summary>A workflow instance waiting for its task, shared by the probes that read it.</summary>
    public Task<string> InstanceAsync() => SharedAsync("instance", WaitingInstanceAsync);

    /// <summary>A fresh workflow instance waiting for its task (to be cancelled).</summary>
    public async Task<string> WaitingInstanceAsync() => (await Planner.StartAsync(await TaskDefinitionAsync(OwnAgency)))["id"].Str();

    /// <summary>
    /// A fresh open joint review owned by <paramref name="agency"/>, of its lead and its staff (so one can be removed);
    /// returns the review's id and the id of its staff reviewer.
    /// </summary>
    public async Task<(string ReviewId, string StaffReviewerId)> StartReviewAsync(string agency)
    {
        var definitionId = await SharedAsync("review-definition:" + agency, async () =>
        {
            var id = "matrix-review-" + agency;
            var review = Wf.A(
                "review1",
                "AiPlus.Review",
                ("title", Wf.Lit("会签：矩阵检查")),
                ("reviewers", Wf.Obj($$"""[{"agency":"{{agency}}","role":"lead"},{"agency":"{{agency}}","role":"staff"}]""")),
                ("ownerAgency", Wf.Lit(agency)));
            await Planner.ImportAsync(JsonNode.Parse(Wf.Definition(id, [review], []))!.AsObject());
            await Planner.PublishAsync(id);
            return id;
        });
        var instance = await Planner.StartAsync(definitionId);
        var taskId = instance["bookmarks"]!.AsArray().First(b => b!["kind"].Str() == "HumanTask")!["key"].Str();
        var review = (await Planner.GetJsonAsync($"{HttpApi.Tasks}/{taskId}"))["reviews"]![0]!;
        return (review["id"].Str(), review["reviewers"]!.AsArray().Single(r => r!["role"].Str() == "staff")!["id"].Str());
    }

    /// <summary>The published definition whose one task goes to <paramref name="agency"/>.</summary>
    private Task<string> TaskDefinitionAsync(string agency) => SharedAsync("task-definition:" + agency, async () =>
    {
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var id).WithLiteral("report1", "assigneeAgency", agency);
        await Planner.ImportAsync(definition);
        await Planner.PublishAsync(id);
        return id;
    });

    private async Task<string> CreateSubscriptionAsync(string agency)
    {
        var created = await (await CreateClientFor($"{agency}.lead").PostAsJsonAsync(
                "/api/webhook-subscriptions", new { url = $"http://127.0.0.1:9/matrix/{Next()}", eventTypes = (string[])["task.created"] }))
            .ExpectAsync(HttpStatusCode.Created);
        return created["subscription"]!["id"].Str();
    }

    private Task<string> SharedAsync(string name, Func<Task<string>> make) =>
        _shared.GetOrAdd(name, _ => new Lazy<Task<string>>(make)).Value;
}
