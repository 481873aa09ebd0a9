from typing import Any, Sequence

def clean_jsonl(inputs: Sequence[str], output_dir: str, client: Any = None, pipeline: str = "default",
                text_field: str = "text", id_field: str = "id", data_dir: str | None = None,
                retries: int = 2, quiet: bool = False) -> dict[str, Any]: ...
def clean_bag(bag: Any, pipeline: str = "default", text_field: str = "text", id_field: str = "id",
              data_dir: str | None = None, jobs: int = 1) -> Any: ...
