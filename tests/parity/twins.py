"""Checks that keep the SQL Server twin of the database layer honest.

Each check reads a project tree (the real one, or a broken copy in a test)
and returns a list of problems, one sentence each; no problems means the
twins agree. Nothing here connects to a database.

- parse_problems: every T-SQL file parses with sqlfluff (dialect tsql).
- manifest_problems: one file per procs/manifest.txt name in each engine.
- schema_problems: the migrations of both engines, read with sqlglot, make
  the same tables, columns, keys, foreign keys, unique constraints, checks
  and indexes.
- routine_problems: each manifest object is a view on both sides or a
  function / procedure pair, with the same parameters (p_snake_case ->
  @PascalCase, in order) and the same result columns in the same order.
- error_problems: every error raised is in sql/errors.json, every catalog
  error is raised by both engines, and each routine raises the same ones.
- style_problems: what a SQL Server twin needs to behave the same way.

sqlglot only reads here: its trees are inspected, never turned back into SQL.
"""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import sqlglot
from sqlfluff.core import Linter
from sqlglot import exp

from tools import deploy_order
from tools.mssql_deploy import parameter_name

ROOT = Path(__file__).resolve().parents[2]

# What SQL Server has and PostgreSQL does not need, and why. Anything else
# that only one engine has is a problem.
MSSQL_ONLY_TABLES = {
    # AT TIME ZONE takes Windows zone names; PostgreSQL reads IANA names.
    "catalog.time_zone_names": "maps the venues' IANA zones to Windows names",
}
# PostgreSQL's dashboard adds up kept per-day counts, and its seat maps
# are written from kept entries; SQL Server works both out when asked.
POSTGRES_ONLY_TABLES = {
    "catalog.scheduled_per_day": "upcoming performances counted per day; SQL "
    "Server counts them with its page query (COUNT_BIG(*) OVER ())",
    "catalog.seat_map_parts": "each seat's seat map entry kept as JSON text; "
    "SQL Server writes its maps with FOR JSON",
}
MSSQL_ONLY_FOREIGN_KEYS = {
    "catalog.venues.venues_time_zone_fkey": "every venue zone must be mapped",
}
# What PostgreSQL has and SQL Server has no twin for, and why.
POSTGRES_ONLY_INDEXES = {
    "search_vocabulary_word_trgm_idx": "pg_trgm's GIN index; the SQL Server "
    "procedure computes trigrams over the small vocabulary itself",
    "seat_counts_seats_left_idx": "an index on an expression (seats left); "
    "SQL Server indexes computed columns only, and its search reads the counts "
    "without one",
}
# Dollar-quoted text (PostgreSQL function bodies): the schema reader skips it.
PG_DOLLAR_QUOTED = re.compile(r"\$(\w*)\$.*?\$\1\$", re.DOTALL)

# Column types that mean the same on both sides.
TYPE_FAMILIES = {
    "postgres": {
        "BIGINT": "bigint",
        "INT": "int",
        "SMALLINT": "smallint",
        "TEXT": "text",
        "VARCHAR": "text",
        "CHAR": "char",
        "BOOLEAN": "boolean",
        "TIMESTAMPTZ": "timestamptz",
        "TIMESTAMP": "timestamp",
        "DATE": "date",
        "DECIMAL": "decimal",
        "UUID": "uuid",
        "JSONB": "json",
        "JSON": "json",
    },
    "tsql": {
        "BIGINT": "bigint",
        "INT": "int",
        "SMALLINT": "smallint",
        "NVARCHAR": "text",
        "VARCHAR": "text",
        "NCHAR": "char",
        "CHAR": "char",
        "BIT": "boolean",
        "TIMESTAMPTZ": "timestamptz",
        "DATETIME2": "timestamp",
        "DATE": "date",
        "DECIMAL": "decimal",
        "UUID": "uuid",
    },
}
# A routine parameter of these PostgreSQL types arrives as T-SQL text.
PARAMETER_TYPES = {
    "bigint": "bigint",
    "integer": "int",
    "int": "int",
    "smallint": "smallint",
    "text": "text",
    "jsonb": "text",
    "json": "text",
    "uuid": "uuid",
    "boolean": "boolean",
    "timestamptz": "timestamptz",
    "date": "date",
    "nvarchar": "text",
    "varchar": "text",
    "uniqueidentifier": "uuid",
    "bit": "boolean",
    "datetimeoffset": "timestamptz",
}


# Reading files -----------------------------------------------------------


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def tsql_files(root: Path = ROOT) -> list[Path]:
    """Every T-SQL file of the project: migrations, procedures, tSQLt tests."""
    places = [
        root / "sql" / "mssql",
        root / "procs" / "mssql",
        root / "tests" / "tsqlt",
    ]
    return sorted(path for place in places for path in place.rglob("*.sql"))


@cache
def _linter() -> Linter:
    return Linter(dialect="tsql")


@cache
def _parse_tsql(text: str):
    """sqlfluff's parse of one file's text; each distinct text parsed once."""
    return _linter().parse_string(text)


def _tree(parsed):
    # A text that does not even lex (say, an unclosed bracket) has no tree.
    variant = parsed.root_variant()
    return variant.tree if variant else None


def parse_problems(paths: list[Path], root: Path = ROOT) -> list[str]:
    problems = []
    for path in paths:
        parsed = _parse_tsql(path.read_text(encoding="utf-8-sig"))
        shown = _shown(path, root)
        for violation in parsed.violations:
            # Unparsable sections are reported below, once, with their line.
            if "unparsable section" not in violation.desc():
                problems.append(f"{shown}: {violation.desc()}")
        tree = _tree(parsed)
        if tree is None:
            problems.append(f"{shown}: sqlfluff could not parse it at all")
            continue
        for segment in tree.recursive_crawl("unparsable"):
            line = segment.pos_marker.line_no if segment.pos_marker else "?"
            snippet = " ".join(segment.raw.split())[:80]
            problem = f"{shown}, line {line}: unparsable T-SQL: {snippet}"
            if problem not in problems:
                problems.append(problem)
    return problems


def manifest_problems(root: Path = ROOT) -> list[str]:
    problems = []
    for engine in deploy_order.ENGINES:
        try:
            deploy_order.routine_files(engine, root)
        except deploy_order.DeployOrderError as error:
            problems.append(str(error))
    return problems


# Tables ------------------------------------------------------------------


@dataclass
class Table:
    columns: dict[str, tuple] = field(default_factory=dict)  # name: (type, nullable)
    collations: dict[str, str] = field(default_factory=dict)
    primary_key: tuple = ()
    foreign_keys: dict[str, tuple] = field(default_factory=dict)
    uniques: dict[str, tuple] = field(default_factory=dict)
    checks: set[str] = field(default_factory=set)


@dataclass
class Index:
    table: str
    columns: tuple  # a column, or ("lower", column) for lower(column)
    unique: bool
    filtered_on: tuple  # the columns its WHERE reads


@dataclass
class Schema:
    tables: dict[str, Table] = field(default_factory=dict)
    indexes: dict[str, Index] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)


def _name(table: exp.Table) -> str:
    return f"{table.db}.{table.name}" if table.db else table.name


def _identifiers(node) -> tuple:
    names = []
    for item in node.expressions if node is not None else []:
        if isinstance(item, exp.Ordered):
            item = item.this
        names.append(item.name)
    return tuple(names)


def _column_type(kind: exp.DataType, dialect: str) -> tuple:
    family = TYPE_FAMILIES[dialect].get(kind.this.name, kind.this.name.lower())
    params = tuple(
        str(p.this.this if isinstance(p, exp.DataTypeParam) else p.this)
        for p in kind.expressions
    )
    # Lengths of text are the engine's business; scale and fixed widths not.
    if family in ("decimal", "char"):
        return (family, params)
    return (family, ())


def _reference(reference: exp.Reference, schema: Schema) -> tuple[str, tuple, str]:
    target = reference.this
    if isinstance(target, exp.Schema):
        table, columns = _name(target.this), _identifiers(target)
    else:
        table, columns = _name(target), ()
    if not columns and table in schema.tables:
        columns = schema.tables[table].primary_key
    options = " ".join(
        " ".join(str(o).upper().split()) for o in reference.args.get("options") or []
    )
    return table, columns, options


def _read_table(create: exp.Create, schema: Schema, dialect: str) -> None:
    name = _name(create.this.this)
    short = create.this.this.name
    table = schema.tables.setdefault(name, Table())

    for item in create.this.expressions:
        constraint_name = None
        parts = [item]
        if isinstance(item, exp.Constraint):
            constraint_name = item.name
            parts = item.expressions

        if isinstance(item, exp.ColumnDef):
            _read_column(item, name, short, table, schema, dialect)
            continue

        for part in parts:
            _read_table_constraint(part, constraint_name, name, short, table, schema)


def _read_column(column, name, short, table, schema, dialect) -> None:
    col = column.name
    nullable = True
    for constraint in column.constraints:
        kind = constraint.kind
        if isinstance(kind, exp.NotNullColumnConstraint):
            # T-SQL's explicit NULL reads as NOT NULL that allows null.
            nullable = bool(kind.args.get("allow_null"))
        elif isinstance(kind, exp.PrimaryKeyColumnConstraint):
            table.primary_key = (col,)
            nullable = False
        elif isinstance(kind, exp.UniqueColumnConstraint):
            table.uniques[constraint.name or f"{short}_{col}_key"] = (col,)
        elif isinstance(kind, exp.Reference):
            target, columns, options = _reference(kind, schema)
            fk_name = constraint.name or f"{short}_{col}_fkey"
            table.foreign_keys[fk_name] = ((col,), target, columns, options)
        elif isinstance(kind, exp.CheckColumnConstraint) and constraint.name:
            table.checks.add(constraint.name)
        elif isinstance(kind, exp.CollateColumnConstraint):
            table.collations[col] = kind.this.name
    table.columns[col] = (_column_type(column.kind, dialect), nullable)


def _read_table_constraint(part, constraint_name, name, short, table, schema) -> None:
    if isinstance(part, exp.PrimaryKey):
        table.primary_key = _identifiers(part)
    elif isinstance(
        part, exp.NonClusteredColumnConstraint | exp.ClusteredColumnConstraint
    ):
        # T-SQL: PRIMARY KEY NONCLUSTERED (columns) reads as two parts.
        columns = tuple(
            (c.this if isinstance(c, exp.Ordered) else c).name for c in part.this
        )
        if table.primary_key == ("?",):
            table.primary_key = columns
    elif isinstance(part, exp.PrimaryKeyColumnConstraint):
        table.primary_key = ("?",)
    elif isinstance(part, exp.ForeignKey):
        columns = _identifiers(part)
        target, target_columns, options = _reference(part.args["reference"], schema)
        fk_name = constraint_name or f"{short}_{'_'.join(columns)}_fkey"
        table.foreign_keys[fk_name] = (columns, target, target_columns, options)
    elif isinstance(part, exp.UniqueColumnConstraint):
        columns = _identifiers(part.this)
        table.uniques[constraint_name or f"{short}_{'_'.join(columns)}_key"] = columns
    elif isinstance(part, exp.CheckColumnConstraint):
        if constraint_name:
            table.checks.add(constraint_name)
    else:
        schema.unreadable.append(f"a table part of {name}: {type(part).__name__}")


def _read_index(create: exp.Create, schema: Schema) -> None:
    index = create.this
    params = index.args.get("params")
    columns = []
    for ordered in params.args.get("columns") or []:
        expression = ordered.this if isinstance(ordered, exp.Ordered) else ordered
        if isinstance(expression, exp.Lower):
            columns.append(("lower", expression.this.name))
        elif isinstance(expression, exp.Column):
            columns.append(expression.name)
        else:
            columns.append(("expression", type(expression).__name__))
    where = params.args.get("where")
    filtered_on = (
        tuple(sorted({c.name for c in where.find_all(exp.Column)})) if where else ()
    )
    schema.indexes[index.name] = Index(
        _name(index.args["table"]),
        tuple(columns),
        bool(create.args.get("unique")),
        filtered_on,
    )


def read_schema(texts: list[str], dialect: str) -> Schema:
    """The tables and indexes that running these migrations in order makes."""
    schema = Schema()
    for text in texts:
        batches = (
            [PG_DOLLAR_QUOTED.sub("''", text)]
            if dialect == "postgres"
            else [b.text for b in deploy_order.split_batches(text)]
        )
        for batch in batches:
            for statement in sqlglot.parse(batch, read=dialect):
                _read_statement(statement, schema, dialect)
    return schema


def _read_statement(statement, schema: Schema, dialect: str) -> None:
    if statement is None:
        return
    if isinstance(statement, exp.Create):
        kind = (statement.kind or "").upper()
        if kind == "TABLE":
            _read_table(statement, schema, dialect)
        elif kind.endswith("INDEX"):
            _read_index(statement, schema)
        return
    if isinstance(statement, exp.Drop):
        kind = (statement.kind or "").upper()
        dropped = statement.args.get("tables") or [statement.this]
        for table in dropped:
            if kind == "TABLE":
                schema.tables.pop(_name(table), None)
                # Its indexes go with it.
                for gone in [
                    index_name
                    for index_name, index in schema.indexes.items()
                    if index.table == _name(table)
                ]:
                    del schema.indexes[gone]
            elif kind == "INDEX":
                # An index is named alone; PostgreSQL may prefix its schema.
                schema.indexes.pop(table.name, None)
        return
    if isinstance(statement, exp.Alter) and (statement.kind or "").upper() == "TABLE":
        _read_alter(statement, schema, dialect)
        return
    if isinstance(statement, exp.Command) and statement.name.upper() in (
        "ALTER",
        "DROP",
    ):
        schema.unreadable.append(" ".join(str(statement.expression).split())[:80])


def _read_alter(alter: exp.Alter, schema: Schema, dialect: str) -> None:
    name = _name(alter.this)
    short = alter.this.name
    table = schema.tables.setdefault(name, Table())
    for action in alter.args.get("actions") or []:
        if isinstance(action, exp.ColumnDef):
            _read_column(action, name, short, table, schema, dialect)
        elif isinstance(action, exp.AddConstraint):
            for constraint in action.expressions:
                for part in constraint.expressions:
                    _read_table_constraint(
                        part, constraint.name, name, short, table, schema
                    )
        elif isinstance(action, exp.Drop):
            dropped = action.this.name if action.this is not None else ""
            kind = (action.kind or "").upper()
            if kind == "COLUMN":
                table.columns.pop(dropped, None)
            else:
                for group in (table.foreign_keys, table.uniques):
                    group.pop(dropped, None)
                table.checks.discard(dropped)
        else:
            schema.unreadable.append(f"ALTER TABLE {name}: {type(action).__name__}")


def _migration_texts(engine: str, root: Path) -> list[str]:
    return [
        m.path.read_text(encoding="utf-8-sig")
        for m in deploy_order.migrations(engine, root)
    ]


def schema_problems(root: Path = ROOT) -> list[str]:
    try:
        pg = read_schema(_migration_texts("postgres", root), "postgres")
        ms = read_schema(_migration_texts("mssql", root), "tsql")
    except deploy_order.DeployOrderError as error:
        return [str(error)]

    problems = [f"PostgreSQL migrations: cannot read {u}" for u in pg.unreadable]
    problems += [f"SQL Server migrations: cannot read {u}" for u in ms.unreadable]

    for name in sorted(set(pg.tables) - set(ms.tables) - set(POSTGRES_ONLY_TABLES)):
        problems.append(f"table {name} exists on PostgreSQL but not on SQL Server")
    for name in sorted(set(ms.tables) - set(pg.tables) - set(MSSQL_ONLY_TABLES)):
        problems.append(f"table {name} exists on SQL Server but not on PostgreSQL")

    for name in sorted(set(pg.tables) & set(ms.tables)):
        problems += _table_problems(name, pg.tables[name], ms.tables[name])

    problems += _index_problems(pg, ms)
    return problems


def _table_problems(name: str, pg: Table, ms: Table) -> list[str]:
    problems = []
    if list(pg.columns) != list(ms.columns):
        missing = [c for c in pg.columns if c not in ms.columns]
        extra = [c for c in ms.columns if c not in pg.columns]
        if missing or extra:
            problems.append(
                f"{name}: columns differ: only on PostgreSQL {missing}, "
                f"only on SQL Server {extra}"
            )
        else:
            problems.append(f"{name}: the columns are in another order")

    for column in pg.columns.keys() & ms.columns.keys():
        (pg_type, pg_null), (ms_type, ms_null) = pg.columns[column], ms.columns[column]
        if pg_type != ms_type:
            problems.append(
                f"{name}.{column}: type {pg_type} on PostgreSQL, "
                f"{ms_type} on SQL Server"
            )
        if pg_null != ms_null:
            problems.append(
                f"{name}.{column}: {'nullable' if pg_null else 'NOT NULL'} on "
                f"PostgreSQL, {'nullable' if ms_null else 'NOT NULL'} on SQL Server"
            )

    if pg.primary_key != ms.primary_key:
        problems.append(
            f"{name}: primary key {pg.primary_key} on PostgreSQL, "
            f"{ms.primary_key} on SQL Server"
        )

    for label, pg_group, ms_group in (
        ("foreign key", pg.foreign_keys, ms.foreign_keys),
        ("unique constraint", pg.uniques, ms.uniques),
    ):
        for key in sorted(pg_group.keys() - ms_group.keys()):
            problems.append(f"{name}: {label} {key} is missing on SQL Server")
        for key in sorted(ms_group.keys() - pg_group.keys()):
            if f"{name}.{key}" not in MSSQL_ONLY_FOREIGN_KEYS:
                problems.append(f"{name}: {label} {key} exists only on SQL Server")
        for key in sorted(pg_group.keys() & ms_group.keys()):
            if pg_group[key] != ms_group[key]:
                problems.append(
                    f"{name}: {label} {key} is {pg_group[key]} on PostgreSQL, "
                    f"{ms_group[key]} on SQL Server"
                )

    for check in sorted(pg.checks - ms.checks):
        problems.append(f"{name}: check {check} is missing on SQL Server")
    for check in sorted(ms.checks - pg.checks):
        problems.append(f"{name}: check {check} exists only on SQL Server")
    return problems


def _index_problems(pg: Schema, ms: Schema) -> list[str]:
    problems = []
    for name in sorted(
        pg.indexes.keys() - ms.indexes.keys() - POSTGRES_ONLY_INDEXES.keys()
    ):
        # A table only PostgreSQL has is reported (or allowed) on its own.
        if pg.indexes[name].table in POSTGRES_ONLY_TABLES:
            continue
        problems.append(f"index {name} exists on PostgreSQL but not on SQL Server")
    for name in sorted(ms.indexes.keys() - pg.indexes.keys()):
        problems.append(f"index {name} exists on SQL Server but not on PostgreSQL")

    for name in sorted(pg.indexes.keys() & ms.indexes.keys()):
        p, m = pg.indexes[name], ms.indexes[name]
        if p.table != m.table or p.unique != m.unique or p.filtered_on != m.filtered_on:
            problems.append(
                f"index {name}: {p} on PostgreSQL, {m} on SQL Server "
                "(table, uniqueness and filter must match)"
            )
            continue
        columns = []
        for column in p.columns:
            # lower(column) on PostgreSQL is a case-insensitive column here.
            if isinstance(column, tuple) and column[0] == "lower":
                column = column[1]
                collation = ms.tables.get(m.table, Table()).collations.get(column, "")
                if "_CI_" not in collation.upper() + "_":
                    problems.append(
                        f"index {name}: PostgreSQL compares lower({column}); on SQL "
                        f"Server {m.table}.{column} needs a case-insensitive (_CI_) "
                        "collation"
                    )
            columns.append(column)
        if tuple(columns) != m.columns:
            problems.append(
                f"index {name}: columns {p.columns} on PostgreSQL, "
                f"{m.columns} on SQL Server"
            )
    return problems


# Routines ----------------------------------------------------------------

PG_ROUTINE = re.compile(
    r"create\s+(?:or\s+replace\s+)?(?P<kind>function|procedure|view)\s+"
    r"(?P<name>[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*)",
    re.IGNORECASE,
)


@dataclass
class Routine:
    kind: str  # view, function or procedure
    name: str
    parameters: list[tuple[str, str]]  # (name, type) in order
    columns: list[str] | None  # result columns in order; None if unreadable


def _balanced(text: str, start: int) -> tuple[str, int]:
    """The text inside the parentheses opening at text[start]."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return text[start + 1 : index], index + 1
    raise ValueError("unbalanced parentheses")


def _split_top(text: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    if "".join(current).strip():
        parts.append("".join(current))
    return [p.strip() for p in parts]


def _without_comments(text: str) -> str:
    return re.sub(r"--[^\n]*", "", text)


def read_pg_routine(text: str, views: dict[str, list[str]]) -> Routine | None:
    """A PostgreSQL routine's header: its parameters and result columns."""
    text = _without_comments(text)
    match = PG_ROUTINE.search(text)
    if not match:
        return None
    kind, name = match["kind"].lower(), match["name"].lower()

    if kind == "view":
        statement = next(
            s for s in sqlglot.parse(text, read="postgres") if isinstance(s, exp.Create)
        )
        return Routine("view", name, [], list(statement.expression.named_selects))

    opening = text.index("(", match.end())
    inside, after = _balanced(text, opening)
    parameters = []
    for parameter in _split_top(inside):
        words = parameter.split()
        parameters.append((words[0].lower(), words[1].lower().split("(")[0]))

    returns = re.match(
        r"\s*returns\s+(setof\s+)?(table\s*\()?([\w.]+)?", text[after:], re.I
    )
    columns = None
    if returns and (returns.group(3) or "").lower() == "void":
        columns = []
    elif returns and returns.group(2):
        body, _ = _balanced(text, after + returns.end(2) - 1)
        columns = [column.split()[0].lower() for column in _split_top(body)]
    elif returns and returns.group(3):
        columns = views.get(returns.group(3).lower())
    return Routine(kind, name, parameters, columns)


def _segments(segment, kind: str):
    return list(segment.recursive_crawl(kind))


def read_tsql_routine(text: str) -> Routine | None:
    """A T-SQL procedure's or view's name, parameters and result columns."""
    tree = _tree(_parse_tsql(text))
    if tree is None:
        return None

    for view in _segments(tree, "create_view_statement"):
        name = _object_name(view)
        statement = sqlglot.parse_one(view.raw, read="tsql")
        return Routine("view", name, [], list(statement.expression.named_selects))

    for procedure in _segments(tree, "create_procedure_statement"):
        name = _object_name(procedure)
        parameters = []
        for parameter_list in _segments(procedure, "procedure_parameter_list"):
            pending = None
            for child in parameter_list.segments:
                if child.is_type("parameter"):
                    pending = child.raw
                elif child.is_type("data_type") and pending:
                    parameters.append((pending, child.raw.split("(")[0].lower()))
                    pending = None
        return Routine("procedure", name, parameters, _result_columns(procedure))
    return None


def _object_name(segment) -> str:
    reference = next(
        child for child in segment.segments if child.is_type("object_reference")
    )
    return reference.raw.replace("[", "").replace("]", "").lower()


def _result_columns(procedure) -> list[str] | None:
    """The columns of the procedure's result: its last top-level SELECT.

    Procedures end with the SELECT that is their result, outside TRY/CATCH;
    earlier SELECTs assign variables or feed INSERTs.
    """
    body = next(
        (child for child in procedure.segments if child.is_type("procedure_statement")),
        None,
    )
    if body is None:
        return None
    statements = [s for s in body.recursive_crawl("statement")]
    blocks = _segments(body, "begin_end_block")
    if blocks:
        statements = [s for s in blocks[0].segments if s.is_type("statement")]

    for statement in reversed(statements):
        query = next(
            (
                child
                for child in statement.segments
                if child.is_type("select_statement", "with_compound_statement")
            ),
            None,
        )
        if query is None:
            continue
        parsed = sqlglot.parse_one(query.raw, read="tsql")
        select = parsed if isinstance(parsed, exp.Select) else parsed.find(exp.Select)
        if select is None:
            return None
        if any(
            isinstance(e, exp.EQ) and isinstance(e.this, exp.Parameter)
            for e in select.expressions
        ):
            continue  # SELECT @x = ... assigns, returns nothing
        return list(select.named_selects)
    return []


def _routines(engine: str, root: Path) -> dict[str, tuple[Path, Routine | None]]:
    found = {}
    names = deploy_order.read_manifest(root)
    directory = root / "procs" / engine
    views: dict[str, list[str]] = {}
    for name in names:
        path = directory / f"{name}.sql"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8-sig")
        routine = (
            read_pg_routine(text, views)
            if engine == "postgres"
            else read_tsql_routine(text)
        )
        if routine and routine.kind == "view":
            views[routine.name] = routine.columns or []
        found[name] = (path, routine)
    return found


def routine_problems(root: Path = ROOT) -> list[str]:
    pg = _routines("postgres", root)
    ms = _routines("mssql", root)
    problems = []

    for name in deploy_order.read_manifest(root):
        if name not in pg or name not in ms:
            continue  # manifest_problems names missing files
        (pg_path, p), (ms_path, m) = pg[name], ms[name]
        if p is None:
            problems.append(
                f"{_shown(pg_path, root)}: no create function or view found"
            )
            continue
        if m is None:
            problems.append(
                f"{_shown(ms_path, root)}: no CREATE PROCEDURE or VIEW found"
            )
            continue
        problems += _routine_pair_problems(name, p, m, _shown(ms_path, root))
    return problems


def _routine_pair_problems(name: str, p: Routine, m: Routine, shown: str) -> list[str]:
    problems = []
    if p.name != name or m.name != name:
        problems.append(
            f"{name}: the files define {p.name} (PostgreSQL) and {m.name} (SQL Server)"
        )
    if (p.kind == "view") != (m.kind == "view"):
        problems.append(
            f"{name}: a {p.kind} on PostgreSQL but a {m.kind} on SQL Server"
        )
        return problems

    expected = [parameter_name(n) for n, _ in p.parameters]
    actual = [n for n, _ in m.parameters]
    if [e.lower() for e in expected] != [
        a.lower() for a in actual
    ] or expected != actual:
        problems.append(
            f"{shown}: parameters {actual}, expected {expected} "
            "(p_snake_case becomes @PascalCase, same order)"
        )
    else:
        for (pg_param, pg_type), (ms_param, ms_type) in zip(
            p.parameters, m.parameters, strict=True
        ):
            if PARAMETER_TYPES.get(pg_type, pg_type) != PARAMETER_TYPES.get(
                ms_type, ms_type
            ):
                problems.append(
                    f"{shown}: {ms_param} is {ms_type}, but {pg_param} is {pg_type}"
                )

    if p.columns is None:
        problems.append(f"{name}: cannot read the PostgreSQL result columns")
    elif p.columns == [] and m.columns is None:
        pass  # returns void, and the procedure ends without a result SELECT
    elif m.columns is None:
        problems.append(f"{shown}: cannot find the result SELECT")
    elif p.columns != m.columns:
        problems.append(
            f"{shown}: result columns {m.columns}, PostgreSQL returns {p.columns}"
        )
    return problems


# Errors ------------------------------------------------------------------

PG_RAISE = re.compile(r"errcode\s*=\s*'([0-9A-Z]{5})'", re.IGNORECASE)
TSQL_THROW = re.compile(r"\bTHROW\s+(\d+)\s*,", re.IGNORECASE)
TSQL_RAISERROR = re.compile(r"\bRAISERROR\s*\(", re.IGNORECASE)
# THROW; or THROW number, message, state; (sqlfluff accepts a missing comma).
TSQL_THROW_WORD = re.compile(r"\bTHROW\b", re.IGNORECASE)
TSQL_THROW_SHAPE = re.compile(
    r"THROW\s*;|THROW\s+(?:\d+|@\w+)\s*,\s*(?:N?'(?:[^']|'')*'|@\w+)\s*,"
    r"\s*(?:\d+|@\w+)\s*;",
    re.IGNORECASE,
)


def read_catalog(root: Path = ROOT) -> list[dict]:
    return json.loads((root / "sql" / "errors.json").read_text())["errors"]


def _raised(engine: str, root: Path) -> dict[str, set[str]]:
    """Per file stem, the SQLSTATEs (postgres) or THROW numbers (mssql) in it."""
    pattern = PG_RAISE if engine == "postgres" else TSQL_THROW
    raised = {}
    for path in sorted((root / "procs" / engine).glob("*.sql")):
        text = _without_comments(path.read_text(encoding="utf-8-sig"))
        raised[path.stem] = {m.upper() for m in pattern.findall(text)}
    return raised


def error_problems(root: Path = ROOT) -> list[str]:
    catalog = read_catalog(root)
    problems = []

    codes = [e["code"] for e in catalog]
    numbers = [e["mssql"] for e in catalog if e["mssql"] is not None]
    states = [e["sqlstate"] for e in catalog if e["sqlstate"] is not None]
    for label, values in (
        ("code", codes),
        ("mssql number", numbers),
        ("sqlstate", states),
    ):
        for value in sorted({v for v in values if values.count(v) > 1}, key=str):
            problems.append(f"sql/errors.json: {label} {value} is listed twice")
    for entry in catalog:
        number = entry["mssql"]
        if entry["sqlstate"] and number is None:
            problems.append(
                f"sql/errors.json: {entry['code']} has a SQLSTATE but no mssql number"
            )
        if number is not None and not 50000 <= number <= 2147483647:
            problems.append(
                f"sql/errors.json: {entry['code']}: THROW numbers start at 50000"
            )

    by_state = {e["sqlstate"]: e for e in catalog if e["sqlstate"]}
    by_number = {str(e["mssql"]): e for e in catalog if e["mssql"] is not None}
    pg, ms = _raised("postgres", root), _raised("mssql", root)

    for stem, states_raised in pg.items():
        for state in sorted(states_raised - by_state.keys()):
            problems.append(
                f"procs/postgres/{stem}.sql raises {state}, not in sql/errors.json"
            )
    for stem, numbers_raised in ms.items():
        for number in sorted(numbers_raised - by_number.keys()):
            problems.append(
                f"procs/mssql/{stem}.sql throws {number}, not in sql/errors.json"
            )
    for path in sorted((root / "procs" / "mssql").glob("*.sql")):
        if TSQL_RAISERROR.search(
            _without_comments(path.read_text(encoding="utf-8-sig"))
        ):
            problems.append(
                f"{_shown(path, root)}: uses RAISERROR; THROW a catalog number instead"
            )

    all_pg = set().union(*pg.values()) if pg else set()
    all_ms = set().union(*ms.values()) if ms else set()
    for entry in catalog:
        if not entry["sqlstate"]:
            continue
        if entry["sqlstate"] not in all_pg:
            problems.append(
                f"{entry['code']} ({entry['sqlstate']}) is in the catalog but no "
                "PostgreSQL routine raises it"
            )
        if str(entry["mssql"]) not in all_ms:
            problems.append(
                f"{entry['code']} ({entry['mssql']}) is in the catalog but no SQL "
                "Server procedure throws it"
            )

    # Each routine raises the same catalog errors on both engines.
    for stem in sorted(pg.keys() & ms.keys()):
        pg_codes = {by_state[s]["code"] for s in pg[stem] if s in by_state}
        ms_codes = {by_number[n]["code"] for n in ms[stem] if n in by_number}
        for code in sorted(pg_codes - ms_codes):
            problems.append(f"{stem} raises {code} on PostgreSQL but not on SQL Server")
        for code in sorted(ms_codes - pg_codes):
            problems.append(f"{stem} throws {code} on SQL Server but not on PostgreSQL")
    return problems


# Style that changes behaviour --------------------------------------------


def style_problems(root: Path = ROOT) -> list[str]:
    """Settings without which a T-SQL twin behaves differently.

    A procedure remembers QUOTED_IDENTIFIER and ANSI_NULLS from when it was
    created; with either OFF, writing to a table with a filtered index fails.
    XACT_ABORT makes any error roll the whole transaction back.
    """
    problems = []
    for path in sorted((root / "procs" / "mssql").glob("*.sql")):
        text = _without_comments(path.read_text(encoding="utf-8-sig"))
        shown = _shown(path, root)
        head = re.split(r"\bCREATE\b", text, maxsplit=1, flags=re.IGNORECASE)[0]
        for setting in ("ANSI_NULLS", "QUOTED_IDENTIFIER"):
            if not re.search(rf"\bSET\s+{setting}\s+ON\b", head, re.IGNORECASE):
                problems.append(f"{shown}: SET {setting} ON must come before CREATE")
        if re.search(r"\bCREATE\s+(OR\s+ALTER\s+)?PROC", text, re.IGNORECASE):
            for setting in ("NOCOUNT", "XACT_ABORT"):
                if not re.search(rf"\bSET\s+{setting}\s+ON\b", text, re.IGNORECASE):
                    problems.append(f"{shown}: the procedure must SET {setting} ON")
        for throw in TSQL_THROW_WORD.finditer(text):
            if not TSQL_THROW_SHAPE.match(text, throw.start()):
                line = text.count("\n", 0, throw.start()) + 1
                problems.append(
                    f"{shown}, line {line}: THROW takes number, message, state and "
                    "a semicolon, or nothing and a semicolon"
                )
        if not re.search(r"\bCREATE\s+OR\s+ALTER\b", text, re.IGNORECASE):
            problems.append(f"{shown}: use CREATE OR ALTER, which keeps permissions")
    return problems


def all_problems(root: Path = ROOT) -> list[str]:
    return (
        parse_problems(tsql_files(root), root)
        + manifest_problems(root)
        + schema_problems(root)
        + routine_problems(root)
        + error_problems(root)
        + style_problems(root)
    )
