using System.Linq.Expressions;
using AiPlusTasks.Engine.Persistence.Records;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>Conditions on tasks as expressions, so one rule both filters in SQL and checks a task already loaded.</summary>
public static class TaskExpressions
{
    /// <summary>The tasks filed under a catalog code: the pillar (or item) itself or any item under it.</summary>
    public static Expression<Func<TaskRecord, bool>> InPillar(string pillar)
    {
        var prefix = pillar + ".";
        return t => t.Pillar == pillar || t.Pillar!.StartsWith(prefix);
    }

    /// <summary>Both conditions.</summary>
    public static Expression<Func<TaskRecord, bool>> And(Expression<Func<TaskRecord, bool>> a, Expression<Func<TaskRecord, bool>> b) =>
        Expression.Lambda<Func<TaskRecord, bool>>(Expression.AndAlso(a.Body, Apply(b, a.Parameters[0])), a.Parameters);

    /// <summary>Either condition.</summary>
    public static Expression<Func<TaskRecord, bool>> Or(Expression<Func<TaskRecord, bool>> a, Expression<Func<TaskRecord, bool>> b) =>
        Expression.Lambda<Func<TaskRecord, bool>>(Expression.OrElse(a.Body, Apply(b, a.Parameters[0])), a.Parameters);

    /// <summary>The body of <paramref name="condition"/> with its task parameter replaced by <paramref name="task"/>.</summary>
    public static Expression Apply<TResult>(Expression<Func<TaskRecord, TResult>> condition, Expression task) =>
        new Replace(condition.Parameters[0], task).Visit(condition.Body);

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
