namespace AiPlusTasks.Engine.Tasks;

/// <summary>Supervision colour (督办颜色). Default rules: blue = due within 3 days, yellow = behind plan or returned, red = overdue.</summary>
public enum TaskColour
{
    Green,
    Blue,
    Yellow,
    Red,
}
