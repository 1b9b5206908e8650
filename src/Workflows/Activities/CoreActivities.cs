namespace AiPlusTasks.Workflows.Activities;

/// <summary>Elsa 3's core activity types as this engine implements them: everything but the <c>AiPlus.*</c> capabilities.</summary>
public static class CoreActivities
{
    /// <summary>One instance of each core activity (they are stateless).</summary>
    public static IReadOnlyList<IActivity> Create() =>
    [
        new FlowchartActivity(), new StartActivity(), new EndActivity(), new CompleteActivity(), new WriteLineActivity(),
        new SetVariableActivity(), new SetOutputActivity(), new FlowDecisionActivity(), new FlowForkActivity(), new FlowJoinActivity(), new FlowNodeActivity(),
        new SequenceActivity(), new ParallelForEachActivity(), new DelayActivity(), new TimerActivity(), new CronActivity(),
        new EventActivity(), new CorrelateActivity(), new FaultActivity(), ChildWorkflowActivity.Execute(), ChildWorkflowActivity.Dispatch(),
        new RunJavaScriptActivity(),
    ];
}
