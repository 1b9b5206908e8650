namespace AiPlusTasks.Workflows.Definitions;

/// <summary>The type names of the built-in activities, as Elsa 3 writes them.</summary>
public static class ActivityTypes
{
    public const string Flowchart = "Elsa.Flowchart";
    public const string Start = "Elsa.Start";
    public const string End = "Elsa.End";
    public const string Complete = "Elsa.Complete";
    public const string WriteLine = "Elsa.WriteLine";
    public const string SetVariable = "Elsa.SetVariable";
    public const string SetOutput = "Elsa.SetOutput";
    public const string FlowDecision = "Elsa.FlowDecision";
    public const string FlowFork = "Elsa.FlowFork";
    public const string FlowJoin = "Elsa.FlowJoin";
    public const string FlowNode = "Elsa.FlowNode";
    public const string Sequence = "Elsa.Sequence";
    public const string ParallelForEach = "Elsa.ParallelForEach";
    public const string Delay = "Elsa.Delay";
    public const string Timer = "Elsa.Timer";
    public const string Cron = "Elsa.Cron";
    public const string Event = "Elsa.Event";
    public const string Correlate = "Elsa.Correlate";
    public const string Fault = "Elsa.Fault";
    public const string ExecuteWorkflow = "Elsa.ExecuteWorkflow";
    public const string DispatchWorkflow = "Elsa.DispatchWorkflow";
    public const string RunJavaScript = "Elsa.RunJavaScript";
}
