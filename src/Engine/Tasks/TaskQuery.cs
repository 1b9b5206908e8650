namespace AiPlusTasks.Engine.Tasks;

/// <summary>An inbox query: a view, filters, sort and page.</summary>
/// <param name="View">open (default), mine, unclaimed, due-soon, overdue, returned, completed, all.</param>
/// <param name="Pillar">Catalog code prefix (a pillar matches its items).</param>
/// <param name="PlanId">Only this plan's tasks.</param>
/// <param name="Text">
/// Words in the title or description (either language), or in the name (Chinese or English) of the task's agency, lead
/// agency or pillar.
/// </param>
/// <param name="DueFrom">Due at or after.</param>
/// <param name="DueTo">Due before.</param>
/// <param name="Agency">Only this agency (callers who see every agency).</param>
/// <param name="Sort">due (default) or priority.</param>
/// <param name="Page">1-based page.</param>
/// <param name="PageSize">Rows per page.</param>
/// <param name="Colour">Only tasks of this supervision colour.</param>
/// <param name="Kind">Only tasks of this kind (<see cref="StepKinds"/>).</param>
public sealed record TaskQuery(
    string View = TaskViews.Open,
    string? Pillar = null,
    string? PlanId = null,
    string? Text = null,
    DateTimeOffset? DueFrom = null,
    DateTimeOffset? DueTo = null,
    string? Agency = null,
    string Sort = "due",
    int Page = 1,
    int PageSize = 50,
    TaskColour? Colour = null,
    string? Kind = null);
