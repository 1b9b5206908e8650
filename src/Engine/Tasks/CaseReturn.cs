namespace AiPlusTasks.Engine.Tasks;

/// <summary>Why a step was issued again: the return (or rejection) that sent the work back, by whom, when and at which step.</summary>
/// <param name="Reason">The reason given.</param>
/// <param name="By">Who returned it.</param>
/// <param name="At">When.</param>
/// <param name="Step">The kind of the step that returned it (<see cref="StepKinds.Signoff"/>, <see cref="StepKinds.Review"/>…).</param>
public sealed record CaseReturn(string Reason, string By, DateTimeOffset At, string Step);
