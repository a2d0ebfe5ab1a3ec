//! Link arguments of an extension module: on macOS the Python symbols are left to the
//! interpreter that imports the module (`-undefined dynamic_lookup`), so that a plain `cargo
//! build --workspace` links this `cdylib` as maturin does; elsewhere nothing is added.

fn main() {
    pyo3_build_config::add_extension_module_link_args();
}
