namespace ClearanceWorkflow.Domain;

/// <summary>The NATO and EU markings equivalent to each national level, as reciprocity answers name them.</summary>
public static class InternationalEquivalents
{
    public static string Nato(ClearanceLevel level) => level switch
    {
        ClearanceLevel.Confidential => "NATO CONFIDENTIAL",
        ClearanceLevel.Secret => "NATO SECRET",
        ClearanceLevel.TopSecret => "COSMIC TOP SECRET",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not a clearance level"),
    };

    public static string Eu(ClearanceLevel level) => level switch
    {
        ClearanceLevel.Confidential => "CONFIDENTIEL UE",
        ClearanceLevel.Secret => "SECRET UE",
        ClearanceLevel.TopSecret => "TRÈS SECRET UE",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not a clearance level"),
    };
}
