using Acornima;
using Acornima.Ast;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// Whether a script stays within its own evaluation: it cannot change the engine it runs in (its global object, the
/// built-in objects, the global scope), so a later script in the same engine sees that engine as this one found it.
/// The check is syntactic and conservative: a script is local only when it
/// <list type="bullet">
/// <item>declares nothing outside a function (a top-level <c>var</c>, <c>let</c>, <c>function</c> or <c>class</c> would
/// outlive it),</item>
/// <item>assigns (<c>=</c>, <c>+=</c>, <c>++</c>, destructuring, <c>for (x of …)</c>) only names declared inside its
/// own functions — never a property, never an undeclared name (which would make a global),</item>
/// <item>has no <c>delete</c>, <c>with</c>, <c>this</c>, <c>import()</c> or <c>async</c>/<c>await</c>,</item>
/// <item>names none of the built-ins that change an object in place or reach another global without naming it
/// (<see cref="Reaching"/>: <c>Object.defineProperty</c>, <c>Object.assign</c>, <c>Reflect</c>, the array mutators
/// <c>push</c>, <c>sort</c>…, <c>getOwnPropertyDescriptors</c>, <c>eval</c>, <c>globalThis</c>,
/// <c>constructor</c>…), neither as a name nor as a quoted property key,</item>
/// <item>reads a computed property (<c>a[k]</c>) only with a literal key or from a literal array or object.</item>
/// </list>
/// A script that is not local may still be perfectly ordinary (<c>list.push(x)</c> on a list of its own); it just runs
/// in an engine that is thrown away afterwards.
/// </summary>
internal static class ScriptReach
{
    /// <summary>Names a local script may not mention: each changes objects in place or reaches globals unnamed.</summary>
    private static readonly HashSet<string> Reaching = new(StringComparer.Ordinal)
    {
        "eval", "Function", "globalThis", "constructor", "prototype", "__proto__",
        "defineProperty", "defineProperties", "assign", "setPrototypeOf", "freeze", "seal", "preventExtensions",
        "getOwnPropertyNames", "getOwnPropertyDescriptor", "getOwnPropertyDescriptors", "getOwnPropertySymbols",
        "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
        "Reflect", "Proxy", "RegExp", "Promise", "then", "WeakRef", "FinalizationRegistry", "Symbol",
        "push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin",
    };

    /// <summary>True when the script cannot change the engine it runs in (see the class remarks).</summary>
    public static bool IsLocal(Script script) => new Walker().Local(script);

    private sealed class Walker
    {
        /// <summary>The names declared by the enclosing functions and their blocks, innermost last; empty at top level.</summary>
        private readonly List<HashSet<string>> _scopes = [];

        public bool Local(Node node)
        {
            switch (node)
            {
                case ThisExpression or WithStatement or ImportExpression or AwaitExpression or MetaProperty:
                    return false;
                case Identifier identifier when Reaching.Contains(identifier.Name):
                    return false;
                case StringLiteral text when Reaching.Contains(text.Value):
                    return false;
                case UnaryExpression { Operator: Operator.Delete }:
                    return false;
                case AssignmentExpression assignment when !IsLocalTarget(assignment.Left):
                    return false;
                case UpdateExpression update when !IsLocalTarget(update.Argument):
                    return false;
                case ForInStatement { Left: not VariableDeclaration } forIn when !IsLocalTarget(forIn.Left):
                    return false;
                case ForOfStatement { Left: not VariableDeclaration } forOf when !IsLocalTarget(forOf.Left):
                    return false;
                case VariableDeclaration or FunctionDeclaration or ClassDeclaration when _scopes.Count == 0:
                    return false;
                case MemberExpression { Computed: true } member when !IsLiteralKey(member.Property) && !IsLiteral(member.Object):
                    return false;
                case Property { Computed: true } property when !IsLiteralKey(property.Key):
                    return false;
                case PropertyDefinition { Computed: true } or MethodDefinition { Computed: true } or AccessorProperty { Computed: true }:
                    return false;
                case IFunction function:
                    return !function.Async && InScope(FunctionScope(function), node);
                case BlockStatement or ForStatement or ForInStatement or ForOfStatement or SwitchStatement or CatchClause when _scopes.Count > 0:
                    return InScope(BlockScope(node), node);
                default:
                    return Children(node);
            }
        }

        private bool InScope(HashSet<string> scope, Node node)
        {
            _scopes.Add(scope);
            try
            {
                return Children(node);
            }
            finally
            {
                _scopes.RemoveAt(_scopes.Count - 1);
            }
        }

        private bool Children(Node node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is not null && !Local(child))
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsLocalTarget(Node target) => target switch
        {
            Identifier identifier => _scopes.Exists(s => s.Contains(identifier.Name)),
            ArrayPattern array => array.Elements.All(e => e is null || IsLocalTarget(e)),
            ObjectPattern obj => obj.Properties.All(p => IsLocalTarget(p is Property property ? property.Value : p)),
            AssignmentPattern assignment => IsLocalTarget(assignment.Left),
            RestElement rest => IsLocalTarget(rest.Argument),
            _ => false,
        };

        private static bool IsLiteralKey(Node key) => key is StringLiteral or NumericLiteral;

        // A literal array or object of literals: what a computed read of it returns is one of those literals.
        private static bool IsLiteral(Node node) => node switch
        {
            StringLiteral or NumericLiteral or BooleanLiteral or NullLiteral => true,
            ArrayExpression array => array.Elements.All(e => e is not null && IsLiteral(e)),
            ObjectExpression obj => obj.Properties.All(p => p is Property { Computed: false, Method: false, Kind: PropertyKind.Init } property && IsLiteral(property.Value)),
            _ => false,
        };

        // A function's own names: its name, its parameters, its var and function declarations anywhere in its body
        // (outside nested functions), and the let/const/class declarations of its body's top level.
        private static HashSet<string> FunctionScope(IFunction function)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (function.Id is { } id)
            {
                names.Add(id.Name);
            }

            foreach (var parameter in function.Params)
            {
                AddBound(parameter, names);
            }

            if (function.Body is FunctionBody body)
            {
                AddHoisted(body, names);
                AddLexical(body.Body, names);
            }

            return names;
        }

        // The let/const/class declarations a block, loop head, switch or catch clause holds directly (and a catch's parameter).
        private static HashSet<string> BlockScope(Node node)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            switch (node)
            {
                case BlockStatement block:
                    AddLexical(block.Body, names);
                    break;
                case ForStatement { Init: VariableDeclaration declaration }:
                    AddLexical([declaration], names);
                    break;
                case ForInStatement { Left: VariableDeclaration declaration }:
                    AddLexical([declaration], names);
                    break;
                case ForOfStatement { Left: VariableDeclaration declaration }:
                    AddLexical([declaration], names);
                    break;
                case SwitchStatement switchStatement:
                    AddLexical([.. switchStatement.Cases.SelectMany(c => c.Consequent)], names);
                    break;
                case CatchClause { Param: { } parameter }:
                    AddBound(parameter, names);
                    break;
            }

            return names;
        }

        private static void AddLexical(IEnumerable<Node> statements, HashSet<string> names)
        {
            foreach (var statement in statements)
            {
                switch (statement)
                {
                    case VariableDeclaration { Kind: not VariableDeclarationKind.Var } declaration:
                        foreach (var declarator in declaration.Declarations)
                        {
                            AddBound(declarator.Id, names);
                        }

                        break;
                    case ClassDeclaration { Id: { } id }:
                        names.Add(id.Name);
                        break;
                }
            }
        }

        private static void AddHoisted(Node node, HashSet<string> names)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case VariableDeclaration { Kind: VariableDeclarationKind.Var } declaration:
                        foreach (var declarator in declaration.Declarations)
                        {
                            AddBound(declarator.Id, names);
                        }

                        break;
                    case FunctionDeclaration { Id: { } id }:
                        names.Add(id.Name);
                        continue;
                    case IFunction:
                        continue;
                }

                if (child is not null)
                {
                    AddHoisted(child, names);
                }
            }
        }

        private static void AddBound(Node pattern, HashSet<string> names)
        {
            switch (pattern)
            {
                case Identifier identifier:
                    names.Add(identifier.Name);
                    break;
                case ArrayPattern array:
                    foreach (var element in array.Elements)
                    {
                        if (element is not null)
                        {
                            AddBound(element, names);
                        }
                    }

                    break;
                case ObjectPattern obj:
                    foreach (var property in obj.Properties)
                    {
                        AddBound(property is Property p ? p.Value : property, names);
                    }

                    break;
                case AssignmentPattern assignment:
                    AddBound(assignment.Left, names);
                    break;
                case RestElement rest:
                    AddBound(rest.Argument, names);
                    break;
            }
        }
    }
}
