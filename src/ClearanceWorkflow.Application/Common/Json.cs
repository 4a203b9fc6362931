using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClearanceWorkflow.Application.Common;

public static class Json
{
    /// <summary>The one set of JSON options: camelCase, enums as strings, no unknown enum values, no property twice, times without an offset in UTC.</summary>
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 32;
        options.AllowDuplicateProperties = false;
        if (!options.Converters.OfType<SingleEnumNames>().Any())
        {
            options.Converters.Add(new SingleEnumNames());
            options.Converters.Add(new UtcUnlessOffset());
            options.Converters.Add(new UtcDateTime());
        }

        return options;
    }

    /// <summary>What a client is told of a body the reader refused: its own words for malformed JSON, a plain sentence (never a .NET type name) for a value of the wrong type or enum.</summary>
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "The value is not of the expected type, or not one of the allowed values.";
        }

        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : "The JSON is not valid here.";
    }
}

/// <summary>
/// Enums as strings, one name each: the string converter alone reads <c>"Confidential,Secret"</c> as the two values
/// combined, which for our enums is another value (<c>TopSecret</c>). A comma is refused as an unknown value is.
/// </summary>
public sealed class SingleEnumNames : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _names = new(namingPolicy: null, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Single<>).MakeGenericType(typeToConvert), _names.CreateConverter(typeToConvert, options))!;

    private sealed class Single<T>(JsonConverter names) : JsonConverter<T>
        where T : struct, Enum
    {
        private readonly JsonConverter<T> _names = (JsonConverter<T>)names;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.GetString()!.Contains(',', StringComparison.Ordinal)
                ? throw new JsonException()
                : _names.Read(ref reader, typeToConvert, options);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _names.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString()!.Contains(',', StringComparison.Ordinal) ? throw new JsonException() : _names.ReadAsPropertyName(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            _names.WriteAsPropertyName(writer, value, options);
    }
}

/// <summary>
/// Times are UTC: one sent without an offset (<c>2027-03-01T10:00:00</c>, or a date alone) is read as UTC. The reader
/// alone reads it in the host's time zone, so the same request meant another instant on a host not set to UTC.
/// </summary>
public sealed class UtcUnlessOffset : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Instant(ref reader);

    /// <summary>The instant a JSON time names, taken as UTC when it has no offset.</summary>
    internal static DateTimeOffset Instant(ref Utf8JsonReader reader)
    {
        // The reader's DateTime is Unspecified exactly when the text has no offset (Utc for Z, Local for one).
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTime(out var at))
        {
            throw new JsonException();
        }

        return at.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(at, TimeSpan.Zero) : reader.GetDateTimeOffset();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// The same for a <see cref="DateTime"/>: read as a UTC time (Kind Utc), one without an offset taken as UTC, one with
/// an offset converted. The reader alone took the first as the host's time and gave the second in the host's zone,
/// so a digest or proof time hashed as UTC named another instant on a host not set to UTC.
/// </summary>
public sealed class UtcDateTime : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        UtcUnlessOffset.Instant(ref reader).UtcDateTime;

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
