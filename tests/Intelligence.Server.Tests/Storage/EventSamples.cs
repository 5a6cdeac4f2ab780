using System.Collections;
using System.Reflection;
using Intelligence.Domain.Facts;

namespace Intelligence.Server.Tests.Storage;

/// <summary>Builds an instance of any event record with every field set (no nulls), so its full shape gets serialized.</summary>
public static class EventSamples
{
    private static readonly Fact SampleFact = new()
    {
        Type = FactTypes.Stake, Holder = "Microsoft", Target = "OpenAI", Percent = 27, Confidence = 0.9, Expert = "stake",
        Date = "2025-10", Evidence = new Evidence(3, 120, 180, "Microsoft holds 27 % of OpenAI."),
    };

    public static object Build(Type type) => Value(type, "", depth: 0)!;

    private static object? Value(Type type, string name, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(Fact)) return SampleFact;
        if (underlying == typeof(string)) return StringFor(name);
        if (underlying == typeof(Guid)) return Guid.Parse("6f1c2a4e-93b7-4d0e-8a5f-2c7e1b9d4a30");
        if (underlying == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 2, 11, 8, 0, 0, TimeSpan.Zero);
        if (underlying == typeof(DateTime)) return new DateTime(2026, 2, 11, 8, 0, 0, DateTimeKind.Utc);
        if (underlying == typeof(TimeSpan)) return TimeSpan.FromMinutes(5);
        if (underlying == typeof(bool)) return true;
        if (underlying == typeof(ulong)) return ulong.MaxValue;
        if (underlying.IsPrimitive || underlying == typeof(decimal)) return Convert.ChangeType(1, underlying);
        if (underlying.IsEnum) return Enum.GetValues(underlying).GetValue(0);
        if (depth > 5) throw new InvalidOperationException($"Event shape too deep at {name}");

        if (underlying.IsGenericType && underlying.GetGenericArguments() is { Length: 2 } kv && typeof(IEnumerable).IsAssignableFrom(underlying))
        {
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(kv))!;
            dictionary.Add(Value(kv[0], "key", depth + 1)!, Value(kv[1], name, depth + 1));
            return dictionary;
        }
        if (underlying != typeof(string) && underlying.GetInterfaces().Append(underlying)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } enumerable)
        {
            var item = enumerable.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
            list.Add(Value(item, name, depth + 1));
            if (underlying.IsArray)
            {
                var array = Array.CreateInstance(item, 1);
                list.CopyTo(array, 0);
                return array;
            }
            return list;
        }

        var constructor = underlying.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => Value(p.ParameterType, p.Name!, depth + 1)).ToArray();
        var instance = constructor.Invoke(arguments);
        foreach (var property in underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            if (property.GetValue(instance) is null) property.SetValue(instance, Value(property.PropertyType, property.Name, depth + 1));
        return instance;
    }

    private static string StringFor(string name) => name.ToLowerInvariant() switch
    {
        "texthash" => new string('a', 64),
        "simhash" => "00ff00ff00ff00ff",
        var n when n.Contains("url") => "https://news.example.com/a",
        _ => "sample",
    };
}
