"""Writes format_goldens.txt: NumPy's own repr() (and str()) of the arrays that
tests/tensor/format_test.cpp builds in C++. Each entry is a line "### <name>" followed by the
text, so the test can compare einspan's formatter against NumPy character for character.

Run with the system NumPy (the goldens were made with NumPy 1.24.2, default print options):
    /usr/bin/python3 tests/data/make_format_goldens.py
"""
import os

import numpy as np

CASES = {
    # integers
    "int_2x2": np.array([[10, 20], [50, 60]]),
    "slide_arange": np.arange(10, 90, 10),
    "slide_reshape": np.arange(10, 90, 10).reshape(4, 2),
    "slide_step": np.arange(10, 90, 10).reshape(4, 2)[::2],
    "slide_transpose": np.arange(10, 90, 10).reshape(4, 2)[::2].T,
    "int_negative": np.array([-1, 10, -100]),
    "int_large": np.array([123456789012, -5]),
    "int32_1d": np.arange(5, dtype=np.int32),
    "int32_2d": np.arange(6, dtype=np.int32).reshape(2, 3),
    "int_3d": np.arange(24).reshape(2, 3, 4),
    "int_4d": np.arange(16).reshape(2, 2, 2, 2),
    "int_wrap": np.arange(40),
    "int32_wrap": np.arange(30, dtype=np.int32),
    "int32_dtype_own_line": np.arange(14, dtype=np.int32),
    "int_transposed": np.arange(6).reshape(2, 3).T,
    "int_reversed": np.arange(10)[::-3],
    "int_summary_1d": np.arange(2000),
    "int_summary_2d": np.arange(2000).reshape(40, 50),
    "int_summary_3d": np.arange(3000).reshape(10, 10, 30),
    "int_summary_short_axis": np.arange(1010).reshape(2, 505),
    "int32_summary": np.arange(1001, dtype=np.int32),
    "int_0d": np.array(5),
    "int32_0d": np.array(-7, dtype=np.int32),
    # the other integer types: always with their dtype
    "uint8_1d": np.array([250, 4, 0], dtype=np.uint8),
    "int8_extremes": np.array([-128, 127, -1], dtype=np.int8),
    "uint16_2d": np.arange(6, dtype=np.uint16).reshape(2, 3),
    "int16_negative": np.array([-32768, 5], dtype=np.int16),
    "uint32_max": np.array([4294967295, 0], dtype=np.uint32),
    "uint64_max": np.array([18446744073709551615, 1], dtype=np.uint64),
    "uint8_summary": (np.arange(1001) % 256).astype(np.uint8),
    "uint16_dtype_own_line": np.arange(14, dtype=np.uint16),
    "int16_0d": np.array(-7, dtype=np.int16),
    "uint64_0d": np.array(18446744073709551615, dtype=np.uint64),
    "empty_uint8": np.array([], dtype=np.uint8),
    "empty_int8_2d": np.zeros((2, 0), dtype=np.int8),
    # floats
    "float_simple": np.array([1.0, 2.5]),
    "float_tenths": np.array([0.1, 0.2]),
    "float_2d": np.array([[1.5, -2.25], [3.0, 4.125]]),
    "float_arange": np.arange(0.0, 1.0, 0.1),
    "float_linspace": np.linspace(0, 1, 7),
    "float_thirds": np.array([1 / 3, 2 / 3, 1.0]),
    "float_pi_e": np.array([np.pi, np.e]),
    "float_integral": np.array([1.0, 2.0, 3.0]),
    "float_zeros": np.zeros((2, 3)),
    "float_eye": np.eye(3),
    "float_negzero": np.array([-0.0, 1.0]),
    "float_wide": np.arange(20) * 1.5,
    "float_large_positional": np.array([12345678.5, 99999.0]),
    "float_sci_large": np.array([1e10, 1.0]),
    "float_sci_small": np.array([1e-5, 1.0]),
    "float_sci_ratio": np.array([1.5, 2000.0]),
    "float_sci_mixed": np.array([1.5e-7, -2.0, 3e5]),
    "float_sci_3digit_exp": np.array([1e100, 1e-5]),
    "float_sci_2d": np.array([[1e-10, 1.0], [2.5, 1e10]]),
    "float_sci_cutoff": np.array([1.23456789012e-7, 1.0]),
    "float_sci_nan": np.array([np.nan, 1e-5, -1.0]),
    "float_negative_positional": np.array([-1.5, 100.25, -0.001]),
    "float_nan_inf": np.array([np.nan, np.inf, -np.inf, 1.0]),
    "float_all_nan": np.array([np.nan, np.nan]),
    "float_inf_only": np.array([np.inf, -np.inf]),
    "float_summary": np.linspace(0, 1, 1001),
    "float_summary_2d": np.arange(1200.0).reshape(30, 40) / 8,
    "float_0d": np.array(2.5),
    "float_0d_integral": np.array(3.0),
    "float32_tenths": np.array([0.1, 0.2, 0.3], dtype=np.float32),
    "float32_thirds": np.arange(6, dtype=np.float32).reshape(2, 3) / np.float32(3),
    "float32_0d": np.array(1.5, dtype=np.float32),
    "float32_sci": np.array([1e-6, 1.0], dtype=np.float32),
    # bools
    "bool_1d": np.array([True, False, True]),
    "bool_2d": np.array([[True, False], [False, True]]),
    "bool_0d": np.array(True),
    "bool_summary": np.arange(1500) % 3 == 0,
    # empty
    "empty_float": np.array([], dtype=np.float64),
    "empty_int": np.array([], dtype=np.int64),
    "empty_int32": np.array([], dtype=np.int32),
    "empty_2d": np.zeros((2, 0)),
    "empty_bool_2d": np.zeros((0, 3), dtype=bool),
}

# str(), as print() shows arrays.
STR_CASES = {
    "str_int_2d": np.array([[1, 2], [3, 4]]),
    "str_float": np.array([1.0, 2.5]),
    "str_bool": np.array([True, False]),
    "str_wrap": np.arange(40),
    "str_summary": np.arange(2000).reshape(2, 1000),
    "str_empty_2d": np.zeros((2, 0)),
    "str_0d_int": np.array(5),
    "str_0d_float": np.array(3.0),
    "str_0d_small": np.array(1e-5),
    "str_0d_big": np.array(1e16),
    "str_0d_bool": np.array(False),
    "str_uint8": np.array([1, 200], dtype=np.uint8),
    "str_0d_int8": np.array(-5, dtype=np.int8),
    "str_0d_uint64": np.array(18446744073709551615, dtype=np.uint64),
}


def main():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "format_goldens.txt")
    with open(path, "w") as out:
        for name, array in CASES.items():
            out.write(f"### {name}\n{array!r}\n")
        for name, array in STR_CASES.items():
            out.write(f"### {name}\n{array!s}\n")


if __name__ == "__main__":
    main()
