# ClearanceWorkflow API image.
#   docker build -t clearance-workflow .
#   docker compose up   (see docker-compose.yml for the settings it needs)

# --- build ---------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Build settings and project files first, so `dotnet restore` stays cached until one of them
# changes. A new project under src/ needs its own line here.
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ClearanceWorkflow.sln ./
COPY src/ClearanceWorkflow.Domain/ClearanceWorkflow.Domain.csproj src/ClearanceWorkflow.Domain/
COPY src/ClearanceWorkflow.Workflow/ClearanceWorkflow.Workflow.csproj src/ClearanceWorkflow.Workflow/
COPY src/ClearanceWorkflow.Application/ClearanceWorkflow.Application.csproj src/ClearanceWorkflow.Application/
COPY src/ClearanceWorkflow.Migrations.Sqlite/ClearanceWorkflow.Migrations.Sqlite.csproj src/ClearanceWorkflow.Migrations.Sqlite/
COPY src/ClearanceWorkflow.Migrations.Postgres/ClearanceWorkflow.Migrations.Postgres.csproj src/ClearanceWorkflow.Migrations.Postgres/
COPY src/ClearanceWorkflow.Migrations.SqlServer/ClearanceWorkflow.Migrations.SqlServer.csproj src/ClearanceWorkflow.Migrations.SqlServer/
COPY src/ClearanceWorkflow.Infrastructure/ClearanceWorkflow.Infrastructure.csproj src/ClearanceWorkflow.Infrastructure/
COPY src/ClearanceWorkflow.Api/ClearanceWorkflow.Api.csproj src/ClearanceWorkflow.Api/
RUN dotnet restore src/ClearanceWorkflow.Api/ClearanceWorkflow.Api.csproj

COPY . .
RUN dotnet publish src/ClearanceWorkflow.Api/ClearanceWorkflow.Api.csproj -c Release -o /app --no-restore -p:UseAppHost=false

# --- runtime -------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# The data folder (embedded SQLite database, Development keys) belongs to the image's non-root
# `app` user; a volume mounted on /data starts out with this ownership.
RUN mkdir -p /data && chown "$APP_UID" /data

COPY --from=build /app ./
COPY workflows/ /app/workflows/

# The base image sets ASPNETCORE_HTTP_PORTS=8080; it is cleared so that ASPNETCORE_URLS alone
# decides, without the "Overriding HTTP_PORTS" warning at startup.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS="" \
    DataPath=/data
EXPOSE 8080

USER $APP_UID

# `healthcheck` GETs /health/ready on the local port and exits 0 (ready) or 1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "ClearanceWorkflow.Api.dll", "healthcheck"]

ENTRYPOINT ["dotnet", "ClearanceWorkflow.Api.dll"]
