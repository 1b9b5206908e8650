using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using JsEngine = Jint.Engine;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// Closes what Jint's own limits leave open in one evaluation's realm (issue 17):
/// <list type="bullet">
/// <item><c>Atomics</c> and <c>SharedArrayBuffer</c> are removed: <c>Atomics.wait</c> blocks the thread outside every
/// limit. <c>ShadowRealm</c> is removed too: a new realm would bring them back, unguarded.</item>
/// <item>Built-ins that make one large string, buffer or typed array in a single call — <c>repeat</c>, <c>padStart</c>,
/// <c>padEnd</c>, <c>concat</c>, <c>join</c> (arrays and typed arrays), <c>new ArrayBuffer</c> (and its
/// <c>maxByteLength</c>, <c>transfer</c>), the typed array constructors — charge what they are about to allocate to the
/// evaluation's <see cref="AllocationBudget"/> first, so one call cannot pass the memory limit. Each converts its
/// arguments once and hands the converted values on, so a <c>valueOf</c> cannot answer the check and the allocation
/// differently. Arrays are capped by Jint's own <c>MaxArraySize</c>.</item>
/// </list>
/// </summary>
internal sealed class JavaScriptSandbox
{
    /// <summary>
    /// Replaces the buffer and typed array constructors by proxies whose construct trap asks <c>check</c> first. The
    /// proxies become each prototype's <c>constructor</c> too (the way <c>new x.constructor(n)</c> and species
    /// constructors reach them).
    /// </summary>
    private const string GuardConstructors = """
        (function (checkBuffer, checkView, names) {
          'use strict';
          const construct = Reflect.construct, define = Object.defineProperty;
          function guard(name, check) {
            const original = globalThis[name];
            const guarded = new Proxy(original, {
              construct(target, args, newTarget) {
                return construct(target, check(target, args), newTarget === guarded ? target : newTarget);
              }
            });
            define(original.prototype, 'constructor', { value: guarded, writable: true, enumerable: false, configurable: true });
            define(globalThis, name, { value: guarded, writable: true, enumerable: false, configurable: true });
          }
          guard('ArrayBuffer', checkBuffer);
          for (const name of names) { guard(name, checkView); }
        })
        """;

    private static readonly string[] TypedArrays =
    [
        "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
        "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
    ];

    private static readonly Prepared<Acornima.Ast.Script> GuardScript = JsEngine.PrepareScript(GuardConstructors);

    private readonly JsEngine _engine;
    private readonly AllocationBudget _budget;
    private readonly int _nestingLimit;
    private readonly HashSet<ObjectInstance> _joining = new(ReferenceEqualityComparer.Instance);
    private JsValue _objectConstructor = JsValue.Undefined;
    private JsValue _arrayConstructor = JsValue.Undefined;
    private JsValue _arrayFrom = JsValue.Undefined;

    private JavaScriptSandbox(JsEngine engine, AllocationBudget budget, int nestingLimit)
    {
        _engine = engine;
        _budget = budget;
        _nestingLimit = nestingLimit;
    }

    /// <summary>Hardens a fresh engine's realm; the returned budget is restarted just before the script runs.</summary>
    public static AllocationBudget Harden(JsEngine engine, JavaScriptOptions limits)
    {
        var budget = new AllocationBudget(limits.MemoryLimitBytes);
        new JavaScriptSandbox(engine, budget, limits.RecursionLimit).Install();
        return budget;
    }

    private void Install()
    {
        var global = _engine.Global;
        foreach (var name in (string[])["Atomics", "SharedArrayBuffer", "ShadowRealm"])
        {
            global.Delete(name);
        }

        _objectConstructor = global.Get("Object");
        _arrayConstructor = global.Get("Array");
        _arrayFrom = _arrayConstructor.Get("from");
        var strings = Prototype("String");
        Wrap(strings, "repeat", 1, Repeat);
        Wrap(strings, "padStart", 2, (original, self, args) => Pad(original, self, args, "padStart"));
        Wrap(strings, "padEnd", 2, (original, self, args) => Pad(original, self, args, "padEnd"));
        Wrap(strings, "concat", 1, Concat);
        Wrap(Prototype("Array"), "join", 1, (_, self, args) => Join(self, args));
        var typedArrayPrototype = Prototype("Int8Array").Prototype!;
        Wrap(typedArrayPrototype, "join", 1, (_, self, args) => Join(self, args));
        var buffers = Prototype("ArrayBuffer");
        Wrap(buffers, "transfer", 0, (original, self, args) => Transfer(original, self, args, "transfer"));
        Wrap(buffers, "transferToFixedLength", 0, (original, self, args) => Transfer(original, self, args, "transferToFixedLength"));

        var guard = _engine.Evaluate(GuardScript);
        _engine.Invoke(guard, JsValue.Undefined, [
            Function("checkBuffer", CheckBuffer),
            Function("checkView", CheckView),
            new JsArray(_engine, [.. TypedArrays.Where(n => global.HasProperty(n)).Select(n => (JsValue)n)]),
        ]);
    }

    private ObjectInstance Prototype(string constructor) => (ObjectInstance)_engine.Global.Get(constructor).Get("prototype");

    private ClrFunction Function(string name, Func<JsValue, JsValue[], JsValue> body) => new(_engine, name, body);

    /// <summary>Puts a checking function in place of a built-in method, keeping its name and length.</summary>
    private void Wrap(ObjectInstance target, string name, int length, Func<JsValue, JsValue, JsValue[], JsValue> body)
    {
        var original = target.Get(name);
        if (original is not ObjectInstance)
        {
            return;
        }

        var wrapper = new ClrFunction(_engine, name, (self, args) => body(original, self, args), length, PropertyFlag.Configurable);
        target.DefineOwnProperty(name, new PropertyDescriptor(wrapper, writable: true, enumerable: false, configurable: true));
    }

    private JsValue Call(JsValue function, JsValue self, JsValue[] args) => _engine.Call(function, self, args);

    // String.prototype.repeat(count): the string's length times count.
    private JsValue Repeat(JsValue original, JsValue self, JsValue[] args)
    {
        if (self.IsNull() || self.IsUndefined())
        {
            return Call(original, self, args);
        }

        var text = TypeConverter.ToString(self);
        var count = TypeConverter.ToNumber(Arg(args, 0));
        if (double.IsFinite(count) && count > 0)
        {
            _budget.Charge(2.0 * text.Length * Math.Floor(count), "String.prototype.repeat");
        }

        return Call(original, text, [count]);
    }

    // padStart/padEnd(maxLength, fillString): at most maxLength characters.
    private JsValue Pad(JsValue original, JsValue self, JsValue[] args, string name)
    {
        if (self.IsNull() || self.IsUndefined())
        {
            return Call(original, self, args);
        }

        var text = TypeConverter.ToString(self);
        var maxLength = TypeConverter.ToNumber(Arg(args, 0));
        var fill = Arg(args, 1).IsUndefined() ? JsValue.Undefined : TypeConverter.ToString(Arg(args, 1));
        if (maxLength > text.Length)
        {
            _budget.Charge(2.0 * Math.Floor(maxLength), "String.prototype." + name);
        }

        return Call(original, text, [maxLength, fill]);
    }

    // String.prototype.concat(...strings): the sum of their lengths.
    private JsValue Concat(JsValue original, JsValue self, JsValue[] args)
    {
        if (self.IsNull() || self.IsUndefined())
        {
            return Call(original, self, args);
        }

        var text = TypeConverter.ToString(self);
        var parts = new JsValue[args.Length];
        double length = text.Length;
        for (var i = 0; i < args.Length; i++)
        {
            var part = TypeConverter.ToString(args[i]);
            length += part.Length;
            parts[i] = part;
        }

        _budget.Charge(2.0 * length, "String.prototype.concat");
        return Call(original, text, parts);
    }

    /// <summary>
    /// Array.prototype.join and %TypedArray%.prototype.join as the specification defines them (elements read and
    /// converted in order, null and undefined as empty), building the result under the budget. An array met again
    /// inside itself joins as empty, as in every engine; nesting deeper than the recursion limit is a RangeError.
    /// </summary>
    private JsValue Join(JsValue self, JsValue[] args)
    {
        var target = self as ObjectInstance ?? (ObjectInstance)_engine.Call(_objectConstructor, JsValue.Undefined, [self]);
        if (!_joining.Add(target))
        {
            return JsString.Empty;
        }

        try
        {
            if (_joining.Count > _nestingLimit)
            {
                throw new JavaScriptException((Jint.Native.Error.ErrorConstructor)_engine.Global.Get("RangeError"), $"join: arrays nested deeper than {_nestingLimit}");
            }

            var length = TypeConverter.ToLength(target.Get("length"));
            var separator = Arg(args, 0).IsUndefined() ? "," : TypeConverter.ToString(Arg(args, 0));
            var room = _budget.RemainingBytes / 2;
            var result = new StringBuilder();
            for (ulong k = 0; k < length; k++)
            {
                if (k > 0)
                {
                    Append(result, separator, room);
                }

                var element = target.Get(JsNumber.Create((double)k));
                if (!element.IsNull() && !element.IsUndefined())
                {
                    Append(result, TypeConverter.ToString(element), room);
                }
            }

            return result.ToString();
        }
        finally
        {
            _joining.Remove(target);
        }
    }

    private void Append(StringBuilder result, string text, long room)
    {
        if (result.Length + (long)text.Length > room)
        {
            _budget.Charge(2.0 * (result.Length + (long)text.Length), "join");
        }

        result.Append(text);
    }

    // ArrayBuffer.prototype.transfer(newLength): a new buffer of newLength bytes.
    private JsValue Transfer(JsValue original, JsValue self, JsValue[] args, string name)
    {
        if (Arg(args, 0).IsUndefined())
        {
            return Call(original, self, args);
        }

        var length = TypeConverter.ToNumber(Arg(args, 0));
        _budget.Charge(length, "ArrayBuffer.prototype." + name);
        return Call(original, self, [length]);
    }

    // new ArrayBuffer(length, { maxByteLength }): length bytes now, up to maxByteLength on resize.
    private JsValue CheckBuffer(JsValue thisObject, JsValue[] arguments)
    {
        var args = (JsArray)arguments[1];
        var length = TypeConverter.ToNumber(args.Get(0));
        _budget.Charge(length, "new ArrayBuffer");
        JsValue[] checkedArgs = [length];
        if (args.Length > 1 && args.Get(1) is ObjectInstance options)
        {
            var max = options.Get("maxByteLength");
            if (!max.IsUndefined())
            {
                var maxLength = TypeConverter.ToNumber(max);
                _budget.Charge(maxLength, "new ArrayBuffer with maxByteLength");
                var copy = new JsObject(_engine);
                copy.Set("maxByteLength", maxLength);
                checkedArgs = [length, copy];
            }
        }

        return Checked(checkedArgs);
    }

    // new TypedArray(length | arrayLike | iterable | typedArray | buffer, …): length times the element size. A buffer is
    // viewed, not copied; a typed array's copy is bounded by what exists; any other source is first read into an array
    // with Array.from (which reads it once, and whose length Jint's MaxArraySize caps), and that array is handed on.
    private JsValue CheckView(JsValue thisObject, JsValue[] arguments)
    {
        var target = (ObjectInstance)arguments[0];
        var args = (JsArray)arguments[1];
        var elementSize = TypeConverter.ToNumber(target.Get("BYTES_PER_ELEMENT"));
        var first = args.Length > 0 ? args.Get(0) : JsValue.Undefined;
        var rest = Enumerable.Range(1, Math.Max(0, (int)args.Length - 1)).Select(i => args.Get(i));
        switch (first)
        {
            case JsArrayBuffer or JsTypedArray:
                return Checked([first, .. rest]);
            case ObjectInstance source:
                var elements = (JsArray)_engine.Call(_arrayFrom, _arrayConstructor, [source]);
                _budget.Charge(elementSize * elements.Length, $"new {target.Get("name")}");
                return Checked([elements]);
            default:
                var length = TypeConverter.ToNumber(first);
                if (double.IsFinite(length) && length > 0)
                {
                    _budget.Charge(elementSize * Math.Floor(length), $"new {target.Get("name")}");
                }

                return Checked([length]);
        }
    }

    private JsArray Checked(JsValue[] args) => new(_engine, args);

    private static JsValue Arg(JsValue[] args, int index) => args.Length > index ? args[index] : JsValue.Undefined;
}
