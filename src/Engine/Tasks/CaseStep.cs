namespace AiPlusTasks.Engine.Tasks;

/// <summary>One step of a case's step indicator: a kind of step its workflow has (<see cref="StepKinds"/>) and where the case stands on it.</summary>
public sealed record CaseStep(string Kind, CaseStepState State);
