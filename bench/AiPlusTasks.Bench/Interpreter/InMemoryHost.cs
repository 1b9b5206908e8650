using System.Collections.Concurrent;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Bench.Interpreter;

/// <summary>
/// The interpreter (<c>src/Workflows</c>) hosted in memory, as an in-memory host would: one blueprint per
/// definition, each instance's <see cref="WorkflowState"/> object kept between its bursts (not serialised), event
/// bookmarks indexed by name and correlation id. Each start or event is a <see cref="Burst"/> with the activities,
/// expression evaluator, clock and time zone the engine composes (<c>AddWorkflowEngine</c>'s services, resolved
/// from a container that is never started: no database is opened).
/// </summary>
internal sealed class InMemoryHost : IDisposable
{
    private readonly IHost _services;
    private readonly ActivityRegistry _registry;
    private readonly ExpressionEvaluator _evaluator;
    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _timeZone;
    private readonly WorkflowBlueprint _blueprint;
    private readonly ConcurrentDictionary<string, Instance> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Name, string Correlation), (Instance Instance, Bookmark Bookmark)> _events = new();

    public InMemoryHost(string definitionJson)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Services.AddWorkflowEngine(e => e.UseSqlite("Data Source=:memory:"));
        _services = builder.Build();
        _registry = _services.Services.GetRequiredService<ActivityRegistry>();
        _evaluator = _services.Services.GetRequiredService<ExpressionEvaluator>();
        _time = _services.Services.GetRequiredService<TimeProvider>();
        _timeZone = TimeZoneInfo.FindSystemTimeZoneById(_services.Services.GetRequiredService<IOptions<EngineOptions>>().Value.TimeZone);
        _blueprint = new WorkflowBlueprint(WorkflowDefinitionJson.Read(definitionJson));
    }

    /// <summary>The instances, by id.</summary>
    public IReadOnlyDictionary<string, Instance> Instances => _instances;

    /// <summary>Starts an instance and runs its first burst.</summary>
    public Instance Start(string correlationId)
    {
        var instance = new Instance(Guid.NewGuid().ToString("N"), correlationId);
        _instances[instance.Id] = instance;
        Run(instance, burst => burst.Start([]));
        return instance;
    }

    /// <summary>Resumes the instance waiting for <paramref name="name"/> with this correlation id; null when none waits.</summary>
    public Instance? RaiseEvent(string name, string correlationId)
    {
        if (!_events.TryRemove((name, correlationId), out var waiting))
        {
            return null;
        }

        Run(waiting.Instance, burst => burst.Resume(waiting.Bookmark, null));
        return waiting.Instance;
    }

    public void Dispose() => _services.Dispose();

    private void Run(Instance instance, Action<Burst> stimulus)
    {
        lock (instance)
        {
            var burst = new Burst(_blueprint, instance.Id, instance.CorrelationId, instance.State, _registry, _evaluator, _time.GetUtcNow(), _timeZone);
            stimulus(burst);
            instance.Status = burst.Status;
            instance.Completed.AddRange(burst.Journal.Where(j => j.Event == "Completed").Select(j => j.ActivityId));
            foreach (var bookmark in burst.CreatedBookmarks.Where(b => b.Kind == BookmarkKinds.Event))
            {
                _events[(bookmark.Key!, bookmark.CorrelationId!)] = (instance, bookmark);
            }
        }
    }

    /// <summary>One instance: its state between bursts, its status, and the activities it completed.</summary>
    internal sealed class Instance(string id, string correlationId)
    {
        public string Id { get; } = id;

        public string CorrelationId { get; } = correlationId;

        public WorkflowState State { get; } = new();

        public WorkflowStatus Status { get; set; }

        public List<string> Completed { get; } = [];
    }
}
