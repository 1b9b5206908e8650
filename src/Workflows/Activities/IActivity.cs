using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// The behaviour of one activity type. Implementations are stateless singletons: everything an activation
/// remembers lives in its <see cref="ActivityExecutionContext"/> (memory, bookmarks) or the instance's variables.
/// </summary>
public interface IActivity
{
    /// <summary>Type name, inputs and outcomes, for the validator and the designer.</summary>
    ActivityDescriptor Descriptor { get; }

    /// <summary>Runs the activity: complete it, create bookmarks to wait, or schedule children (composites).</summary>
    void Execute(ActivityExecutionContext context);

    /// <summary>Continues after one of its bookmarks was resumed. Default: complete with the payload as result.</summary>
    void Resume(ActivityExecutionContext context, Bookmark bookmark, JsonNode? payload) => context.Complete(result: payload);

    /// <summary>The activity is being cancelled (a WaitAny loser, an ended flowchart, a cancelled instance). Default: nothing.</summary>
    void OnCancelled(ActivityExecutionContext context)
    {
    }

    /// <summary>A child scheduled by this composite completed. Default: nothing (leaf activities have no children).</summary>
    void OnChildCompleted(ActivityExecutionContext context, ActivityNode child, IReadOnlyList<string> outcomes)
    {
    }

    /// <summary>
    /// The outputs of an activity that completed with <paramref name="result"/> (null: not yet run), by output name: what
    /// a memory reference binds to a variable or workflow output, and what JavaScript reads with
    /// <c>get{Output}From{Activity}()</c>. Default: each output the type declares (<see cref="ActivityDescriptor.Outputs"/>,
    /// e.g. <c>Result</c>), holding the result.
    /// </summary>
    IEnumerable<KeyValuePair<string, JsonNode?>> Outputs(ActivityNode node, JsonNode? result) =>
        Descriptor.Outputs.Select(name => new KeyValuePair<string, JsonNode?>(name, result));
}
