using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace AiPlusTasks.Bench.Peer;

/// <summary>
/// The benchmark workflow in WorkflowCore: three steps that set variables, wait for the event <c>go</c> keyed by the
/// instance's key, a decision on a variable, end.
/// </summary>
public sealed class PeerWorkflow : IWorkflow<PeerData>
{
    public const string EventName = "go";

    public string Id => "bench";

    public int Version => 1;

    public void Build(IWorkflowBuilder<PeerData> builder)
    {
        var approved = builder.CreateBranch().StartWith(context => Finish(context, "approved"));
        var rejected = builder.CreateBranch().StartWith(context => Finish(context, "rejected"));
        builder
            .StartWith(context => Set(context, d => d.A = 1))
            .Then(context => Set(context, d => d.B = "two"))
            .Then(context => Set(context, d => d.Approved = true))
            .WaitFor(EventName, data => data.Key)
                .Output(data => data.Payload, step => step.EventData)
            .Decide(data => data.Approved)
                .Branch(true, approved)
                .Branch(false, rejected);
    }

    private static ExecutionResult Set(IStepExecutionContext context, Action<PeerData> set)
    {
        set((PeerData)context.Workflow.Data);
        return ExecutionResult.Next();
    }

    private static ExecutionResult Finish(IStepExecutionContext context, string branch)
    {
        ((PeerData)context.Workflow.Data).Branch = branch;
        return ExecutionResult.Next();
    }
}
