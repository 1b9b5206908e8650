using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Activities;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Workflows.Tests.Support;

/// <summary>
/// One instance run by the interpreter alone, in memory: no database, no runtime. Each stimulus is a burst on the
/// same state, as the runtime does between commits.
/// </summary>
internal sealed class InMemoryInstance
{
    private static readonly ActivityRegistry Registry = new(CoreActivities.Create());
    private static readonly ExpressionEvaluator Evaluator = new(new JavaScriptEvaluator(Options.Create(new JavaScriptOptions())));
    private static readonly TimeZoneInfo ChinaStandardTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly WorkflowBlueprint _blueprint;

    /// <summary>The time every burst runs at.</summary>
    public static DateTimeOffset Epoch { get; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private InMemoryInstance(WorkflowBlueprint blueprint) => _blueprint = blueprint;

    public WorkflowState State { get; } = new();

    public WorkflowStatus Status { get; private set; }

    /// <summary>Every journal entry of every burst, in order.</summary>
    public List<JournalEntry> Journal { get; } = [];

    /// <summary>The bookmarks the instance waits on.</summary>
    public IReadOnlyList<Bookmark> Bookmarks => [.. State.Contexts.Values.SelectMany(c => c.Bookmarks)];

    /// <summary>What WriteLine wrote, in order.</summary>
    public IReadOnlyList<string> Lines =>
        [.. Journal.Where(e => e.ActivityType == ActivityTypes.WriteLine && e.Event == "Completed").Select(e => e.Message ?? "")];

    /// <summary>How often each activity completed.</summary>
    public IReadOnlyDictionary<string, int> Completions =>
        Journal.Where(e => e.Event == "Completed").GroupBy(e => e.ActivityId).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Reads the definition (Elsa 3 JSON) and runs its first burst.</summary>
    public static InMemoryInstance Start(string json, JsonObject? input = null)
    {
        var instance = new InMemoryInstance(new WorkflowBlueprint(WorkflowDefinitionJson.Read(json)));
        instance.Run(burst => burst.Start(input ?? []));
        return instance;
    }

    /// <summary>The instance's clock: <see cref="Epoch"/> until time is let pass.</summary>
    public DateTimeOffset Now { get; private set; } = Epoch;

    /// <summary>Resumes one bookmark in a new burst.</summary>
    public void Resume(Bookmark bookmark, JsonNode? payload = null) => Run(burst => burst.Resume(bookmark, payload));

    /// <summary>Lets <paramref name="span"/> pass: every timer due by then fires, earliest first, each at its due time.</summary>
    public void Advance(TimeSpan span)
    {
        var until = Now + span;
        while (Bookmarks.Where(b => b.Kind == BookmarkKinds.Timer && b.ResumeAt <= until).OrderBy(b => b.ResumeAt).FirstOrDefault() is { } due)
        {
            Now = due.ResumeAt!.Value;
            Resume(due);
        }

        Now = until;
    }

    /// <summary>Resumes bookmarks one by one, in the order <paramref name="pick"/> chooses, until none is left.</summary>
    public void ResumeAll(Func<IReadOnlyList<Bookmark>, Bookmark> pick)
    {
        for (var guard = 0; Bookmarks.Count > 0 && Status == WorkflowStatus.Suspended; guard++)
        {
            Assert.True(guard < 1_000, "more than 1,000 resumes: the instance never stops waiting");
            Resume(pick(Bookmarks));
        }
    }

    private void Run(Action<Burst> stimulus)
    {
        var burst = new Burst(_blueprint, "in-memory", null, State, Registry, Evaluator, Now, ChinaStandardTime);
        stimulus(burst);
        Journal.AddRange(burst.Journal);
        Status = burst.Status;
    }
}
