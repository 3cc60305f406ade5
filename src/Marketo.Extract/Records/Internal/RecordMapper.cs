using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Marketo.Extract.Records.Internal;

/// <summary>
/// Maps records to instances of <typeparamref name="T"/> through a delegate compiled once per schema.
/// </summary>
/// <remarks>
/// The constructor and properties of <typeparamref name="T"/> are found once by reflection. For each schema
/// a delegate is compiled that creates the instance and converts each matched value with
/// <see cref="RecordValueConverter"/>; it is cached for as long as the schema lives.
/// </remarks>
internal static class RecordMapper<[DynamicallyAccessedMembers(MapperMembers.Required)] T>
{
    private static readonly ConditionalWeakTable<RecordSchema, Func<object?[], T>> Factories = new();
    private static readonly ConditionalWeakTable<RecordSchema, Func<object?[], T>>.CreateValueCallback Compile =
        CompileFactory;

    public static T Map(RecordSchema schema, object?[] values) => Factories.GetValue(schema, Compile)(values);

    private static Func<object?[], T> CompileFactory(RecordSchema schema)
    {
        var values = Expression.Parameter(typeof(object?[]), "values");
        var constructor = FindConstructor();
        var matcher = new FieldMatcher(schema);
        var parameterNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var arguments = new List<Expression>();
        foreach (var parameter in constructor?.GetParameters() ?? [])
        {
            parameterNames.Add(MapperMembers.Normalize(parameter.Name!));
            var target = $"constructor parameter '{parameter.Name}' of {typeof(T).Name}";
            arguments.Add(matcher.TryMatch(parameter.Name!, out var ordinal)
                ? ConvertValue(values, ordinal, parameter.ParameterType, schema, target)
                : DefaultValue(parameter));
        }

        var creation = constructor is null ? Expression.New(typeof(T)) : Expression.New(constructor, arguments);
        var bindings = new List<MemberBinding>();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0
                && !parameterNames.Contains(MapperMembers.Normalize(property.Name))
                && matcher.TryMatch(property.Name, out var ordinal))
            {
                var target = $"property '{property.Name}' of {typeof(T).Name}";
                var value = ConvertValue(values, ordinal, property.PropertyType, schema, target);
                bindings.Add(Expression.Bind(property, value));
            }
        }

        var body = Expression.MemberInit(creation, bindings);
        return Expression.Lambda<Func<object?[], T>>(body, values).Compile();
    }

    /// <summary>
    /// Returns null when <typeparamref name="T"/> has a parameterless constructor, or else its public
    /// constructor with the most parameters.
    /// </summary>
    private static ConstructorInfo? FindConstructor()
    {
        var constructors = typeof(T).GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        if (typeof(T).IsValueType || constructors.Any(constructor => constructor.GetParameters().Length == 0))
        {
            return null;
        }

        if (constructors.Length == 0)
        {
            throw new InvalidOperationException(
                $"Records cannot be mapped to {typeof(T)} because it has no public constructor.");
        }

        return constructors.MaxBy(constructor => constructor.GetParameters().Length);
    }

    private static MethodCallExpression ConvertValue(
        ParameterExpression values, int ordinal, Type type, RecordSchema schema, string target)
    {
        var convert = typeof(RecordValueConverter).GetMethod(nameof(RecordValueConverter.Convert))!.MakeGenericMethod(type);
        return Expression.Call(
            convert,
            Expression.ArrayIndex(values, Expression.Constant(ordinal)),
            Expression.Constant(schema.Fields[ordinal].Name),
            Expression.Constant(target));
    }

    private static Expression DefaultValue(ParameterInfo parameter) =>
        parameter.HasDefaultValue
            ? Expression.Convert(Expression.Constant(parameter.DefaultValue, typeof(object)), parameter.ParameterType)
            : Expression.Default(parameter.ParameterType);

    /// <summary>
    /// Finds the field of a member name: by name or source name ignoring case, then ignoring underscores too.
    /// </summary>
    private sealed class FieldMatcher
    {
        private readonly Dictionary<string, int> _byName = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> _byNormalizedName = new(StringComparer.Ordinal);

        public FieldMatcher(RecordSchema schema)
        {
            var fields = schema.Fields;
            for (var i = 0; i < fields.Count; i++)
            {
                _byName.TryAdd(fields[i].Name, i);
            }

            for (var i = 0; i < fields.Count; i++)
            {
                _byName.TryAdd(fields[i].SourceName, i);
                _byNormalizedName.TryAdd(MapperMembers.Normalize(fields[i].Name), i);
            }
        }

        public bool TryMatch(string memberName, out int ordinal) =>
            _byName.TryGetValue(memberName, out ordinal)
            || _byNormalizedName.TryGetValue(MapperMembers.Normalize(memberName), out ordinal);
    }
}
