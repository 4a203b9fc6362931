using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClearanceWorkflow.Application.Common;
using Microsoft.Extensions.Primitives;

namespace ClearanceWorkflow.Api.Workspace;

public enum FieldKind
{
    Text,
    LongText,
    Lines,
    Choice,
    Flag,
    DateTime,
    Date,
    Number,
    Group,
    Json,
}

/// <summary>One input of a generated form: its JSON name (dotted inside groups), label, kind, choices and nested fields.</summary>
public sealed record FormField(string Form, string Name, string Label, FieldKind Kind, IReadOnlyList<string> Choices, IReadOnlyList<FormField> Fields)
{
    /// <summary>The HTML name of the input.</summary>
    public string InputName => "f." + Name;

    /// <summary>The HTML id, unique on the page: the form's name, then the field's.</summary>
    public string InputId => Form + "-" + Name.Replace('.', '-');

    /// <summary>A flag shown ticked until the form is posted: what the API assumes when the value is left out.</summary>
    public bool OnByDefault { get; init; }
}

/// <summary>
/// Forms made from the request types themselves (an action's <c>Body</c>, a command's parameters), so that a new
/// workflow version or a new field needs no new page: strings, lists of strings, enums, flags, dates and times,
/// numbers and nested records get their own inputs; anything else a JSON text area. What is posted is turned back
/// into the JSON the API would receive, and the API's own reading and validation apply to it.
/// </summary>
public static class FormSchema
{
    /// <summary>Strings whose property name ends with one of these get a text area; other strings a one-line input.</summary>
    private static readonly string[] LongTexts = ["Summary", "Rationale", "Details", "Mitigation", "Reason", "Description", "Notes", "Text", "Answer"];

    /// <summary>
    /// The fields of <paramref name="type"/>'s public properties that a post can set (not computed ones) but
    /// <paramref name="skip"/>, for the form named <paramref name="form"/>.
    /// </summary>
    public static IReadOnlyList<FormField> For(Type type, string form, params string[] skip) => Fields(type, form, string.Empty, skip, 0);

    private static List<FormField> Fields(Type type, string form, string prefix, string[] skip, int depth) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && !skip.Contains(p.Name))
            .Where(p => p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null)
            .Select(p => Field(p.PropertyType, form, prefix + JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.Name, depth))];

    private static FormField Field(Type declared, string form, string name, string propertyName, int depth)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        var label = Label(propertyName);
        if (type == typeof(string))
        {
            return Simple(form, name, label, LongTexts.Any(w => propertyName.EndsWith(w, StringComparison.Ordinal)) ? FieldKind.LongText : FieldKind.Text);
        }

        if (type.IsEnum)
        {
            return new FormField(form, name, label, FieldKind.Choice, Enum.GetNames(type), []);
        }

        if (type == typeof(bool))
        {
            return Simple(form, name, label, FieldKind.Flag);
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return Simple(form, name, label + " (UTC)", FieldKind.DateTime);
        }

        if (type == typeof(DateOnly))
        {
            return Simple(form, name, label, FieldKind.Date);
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double))
        {
            return Simple(form, name, label, FieldKind.Number);
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && ElementType(type) == typeof(string))
        {
            return Simple(form, name, label + " (one per line)", FieldKind.Lines);
        }

        if (depth < 2 && type.IsClass && !typeof(IEnumerable).IsAssignableFrom(type) && type.Namespace?.StartsWith("ClearanceWorkflow", StringComparison.Ordinal) == true)
        {
            return new FormField(form, name, label, FieldKind.Group, [], Fields(type, form, name + ".", [], depth + 1));
        }

        return Simple(form, name, label + " (JSON)", FieldKind.Json);
    }

    private static FormField Simple(string form, string name, string label, FieldKind kind) => new(form, name, label, kind, [], []);

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary><c>ScheduledAt</c> becomes "Scheduled at".</summary>
    public static string Label(string propertyName)
    {
        var words = System.Text.RegularExpressions.Regex.Replace(propertyName, "(?<=[a-z0-9])(?=[A-Z])", " ").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>
    /// The JSON object the posted form stands for. A blank input is left out (the API's validation then names what is
    /// missing); a group with every input blank is left out too. An unreadable value (a JSON field) is a validation error.
    /// </summary>
    public static JsonObject ToJson(IReadOnlyList<FormField> fields, Func<string, StringValues> form)
    {
        var result = new JsonObject();
        foreach (var field in fields)
        {
            var key = field.Name[(field.Name.LastIndexOf('.') + 1)..];
            if (Value(field, form) is { } value)
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static JsonNode? Value(FormField field, Func<string, StringValues> form)
    {
        var raw = form(field.InputName).ToString().Trim();
        switch (field.Kind)
        {
            case FieldKind.Group:
                var group = ToJson(field.Fields, form);
                return group.Count == 0 ? null : group;
            case FieldKind.Flag:
                // A checkbox sends "true" when ticked and nothing otherwise.
                return JsonValue.Create(raw == "true");
            case FieldKind.Lines:
                var lines = raw.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
                return lines.Length == 0 ? null : new JsonArray([.. lines.Select(l => (JsonNode)JsonValue.Create(l))]);
            case FieldKind.DateTime when raw.Length > 0:
                return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                    ? JsonValue.Create(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)))
                    : throw RequestValidationException.For(field.Name, "Not a date and time.");
            case FieldKind.Number when raw.Length > 0:
                return decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : throw RequestValidationException.For(field.Name, "Not a number.");
            case FieldKind.Json when raw.Length > 0:
                try
                {
                    return JsonNode.Parse(raw);
                }
                catch (JsonException)
                {
                    throw RequestValidationException.For(field.Name, "Not valid JSON.");
                }

            default:
                return raw.Length == 0 ? null : JsonValue.Create(raw);
        }
    }

    public static JsonElement ToElement(JsonObject json) => JsonSerializer.SerializeToElement(json, Json.Options);
}
